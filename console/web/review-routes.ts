// The monitors' work list: tests of finished runs awaiting review, claimed by one monitor at a
// time, decided verified / partially verified / failed with a comment. A decision that
// contradicts the automatic verdict needs a reason; every decision is kept.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { RunModel, TestResult } from '../../model/run.ts';
import { loadCatalogue } from '../../validators/catalogue/catalogue.ts';
import { FINAL_STATES } from '../queue/types.ts';
import { MONITOR_DECISIONS, type MonitorDecision } from '../store/reviews.ts';
import { isReviewer, visibleRun } from './access.ts';
import { type ConsoleDeps, ctx, forbidden, formField, notFound, sendPage } from './app.ts';
import { DECISION_STATE } from './labels.ts';
import { renderPage } from './render.ts';
import { reviewOrder, shortId } from './run-view.ts';

/** Rows on the work list page: enough for a busy hour, bounded for a 60-system event. */
export const WORKLIST_LIMIT = 300;

export function registerReviewRoutes(app: FastifyInstance, deps: ConsoleDeps): void {
  app.get('/worklist', async (req, reply) => {
    if (!isReviewer(req.user!)) return forbidden(req, reply, 'The work list is for monitors.');
    const runs = await deps.queue.list({ states: FINAL_STATES });
    const sessionNames = new Map((await deps.sessions.list()).map((s) => [s.id, s.name]));
    const items = [];
    for (const q of runs) {
      const run = await deps.queue.get(q.id);
      if (!run?.runJson) continue;
      const model = JSON.parse(run.runJson) as RunModel;
      const decided = await deps.reviews.latestOfRun(run.id);
      const claims = new Map((await deps.reviews.claimsOfRun(run.id)).map((c) => [c.testId, c.monitor]));
      const system = await deps.sessions.system(run.systemId);
      for (const t of model.tests) {
        if (decided.has(t.id) || t.state === 'omit') continue;
        items.push({
          runId: run.id,
          testId: t.id,
          title: t.title,
          state: t.state,
          plan: run.plan,
          systemName: system?.name ?? run.systemId,
          sessionName: sessionNames.get(run.sessionId) ?? run.sessionId,
          claimedBy: claims.get(t.id) ?? '',
        });
      }
    }
    const ordered = reviewOrder(items);
    return sendPage(
      reply,
      renderPage('worklist', 'Work list', ctx(req), {
        items: ordered.slice(0, WORKLIST_LIMIT),
        truncated: ordered.length > WORKLIST_LIMIT,
      }),
    );
  });

  const testOf = async (req: FastifyRequest) => {
    const { id, testId } = req.params as { id: string; testId: string };
    const found = await visibleRun(deps, req.user!, id);
    if (!found?.run.runJson) return undefined;
    const model = JSON.parse(found.run.runJson) as RunModel;
    const test = model.tests.find((t) => t.id === testId);
    return test ? { ...found, model, test } : undefined;
  };

  const testPage = async (req: FastifyRequest, reply: FastifyReply, status = 200, error?: string, flash?: string) => {
    const found = await testOf(req);
    if (!found) return notFound(req, reply);
    const { run, system, test } = found;
    const user = req.user!;
    const session = await deps.sessions.get(run.sessionId);
    const claim = await deps.reviews.claimOf(run.id, test.id);
    const history = (await deps.reviews.decisionsOfRun(run.id)).filter((d) => d.testId === test.id);
    const catalogue = loadCatalogue();
    return sendPage(
      reply.code(status),
      renderPage('test', `${test.id} ${test.title}`, ctx(req, flash), {
        session,
        system,
        run: { ...run, shortId: shortId(run.id) },
        test,
        reqs: test.reqIds.map((id) => ({ id, title: catalogue.get(id)?.title ?? '' })),
        claim,
        latest: history.at(-1),
        history: [...history].reverse(),
        canReview: isReviewer(user),
        heldByMe: claim?.monitor === user.name,
        heldByOther: Boolean(claim && claim.monitor !== user.name),
        error,
      }),
    );
  };

  app.get('/runs/:id/tests/:testId', async (req, reply) => testPage(req, reply));

  app.post('/runs/:id/tests/:testId/claim', async (req, reply) => {
    const found = await testOf(req);
    if (!found) return notFound(req, reply);
    if (!isReviewer(req.user!)) return forbidden(req, reply, 'Monitors review tests.');
    const ok = await deps.reviews.claim({
      runId: found.run.id,
      testId: found.test.id,
      monitor: req.user!.name,
      claimedAt: deps.now().toISOString(),
    });
    return ok
      ? testPage(req, reply, 200, undefined, 'Claimed: you review this test now.')
      : testPage(req, reply, 409, 'Another monitor claimed this test first.');
  });

  app.post('/runs/:id/tests/:testId/decide', async (req, reply) => {
    const found = await testOf(req);
    if (!found) return notFound(req, reply);
    const user = req.user!;
    if (!isReviewer(user)) return forbidden(req, reply, 'Monitors review tests.');
    const { run, test } = found;
    const claim = await deps.reviews.claimOf(run.id, test.id);
    if (claim?.monitor !== user.name) return testPage(req, reply, 409, 'Claim the test before deciding it (one monitor at a time).');
    const decision = formField(req, 'decision') as MonitorDecision;
    const comment = (formField(req, 'comment') ?? '').trim();
    const overrideReason = (formField(req, 'overrideReason') ?? '').trim();
    if (!MONITOR_DECISIONS.includes(decision)) return testPage(req, reply, 400, 'Choose verified, partially verified or failed.');
    if (!comment) return testPage(req, reply, 400, 'A decision needs a comment.');
    if (overrides(test, decision) && !overrideReason)
      return testPage(req, reply, 400, `The automatic verdict is ${test.state}: deciding ${decision} overrides it and needs a reason.`);
    const latest = (await deps.reviews.latestOfRun(run.id)).get(test.id);
    await deps.reviews.decide({
      id: randomUUID(),
      runId: run.id,
      testId: test.id,
      decision,
      comment,
      ...(overrides(test, decision) ? { overrideReason } : {}),
      previous: latest ? `decision ${latest.decision} by ${latest.decidedBy}` : `automatic ${test.state}`,
      decidedBy: user.name,
      decidedAt: deps.now().toISOString(),
    });
    return testPage(req, reply, 200, undefined, `Recorded: ${decision}.`);
  });
}

/** Whether a decision contradicts the automatic verdict (then it needs a reason). */
export function overrides(test: Pick<TestResult, 'state'>, decision: MonitorDecision): boolean {
  return DECISION_STATE[decision] !== test.state;
}
