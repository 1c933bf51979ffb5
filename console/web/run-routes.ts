// Runs: launched from a system's page (one plan, or every plan of a role), followed live over
// server-sent events, stopped, and once finished their report, JUnit file and label decision.
import { createReadStream, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { RunModel } from '../../model/run.ts';
import { FINAL_STATES, type QueuedRun } from '../queue/types.ts';
import { visibleRun, visibleSystem } from './access.ts';
import { type ConsoleDeps, ctx, formField, notFound, sendPage } from './app.ts';
import { runLabels } from './labels.ts';
import { plansFor, plansOfRole } from './plans.ts';
import { renderPage } from './render.ts';
import { reviewOrder, shortId } from './run-view.ts';

/** The run files a page links to, and how they are served. */
const RUN_FILES: Record<string, string> = {
  'report.html': 'text/html; charset=utf-8',
  'junit.xml': 'application/xml; charset=utf-8',
};

/** report.html carries its own CSP with hashes of its inline style and script; this header only adds "nothing from elsewhere". */
const REPORT_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export const isFinal = (r: Pick<QueuedRun, 'state'>): boolean => FINAL_STATES.includes(r.state);

export function registerRunRoutes(app: FastifyInstance, deps: ConsoleDeps): void {
  app.post('/systems/:id/runs', async (req, reply) => {
    const user = req.user!;
    const system = await visibleSystem(deps, user, (req.params as { id: string }).id);
    if (!system) return notFound(req, reply);
    const target = formField(req, 'target') ?? '';
    const allowed = await plansFor(system.roles);
    let plans: string[] = [];
    if (target.startsWith('plan:')) plans = allowed.includes(target.slice(5)) ? [target.slice(5)] : [];
    else if (target.startsWith('role:') && system.roles.includes(target.slice(5))) plans = await plansOfRole(target.slice(5));
    if (plans.length === 0)
      return sendPage(
        reply.code(400),
        renderPage('error', 'Not started', ctx(req), {
          heading: 'Not started',
          message: 'Choose a plan, or a role, that this system claims in its profile.',
        }),
      );
    const reference = formField(req, 'reference') === '1';
    const queued: QueuedRun[] = [];
    for (const plan of plans)
      queued.push(
        await deps.queue.enqueue({
          sessionId: system.sessionId,
          systemId: system.id,
          plan,
          profileYaml: system.profileYaml,
          requestedBy: user.name,
          ...(reference ? { reference: true } : {}),
        }),
      );
    return reply.redirect(queued.length === 1 ? `/runs/${queued[0]!.id}` : `/systems/${system.id}`, 303);
  });

  app.get('/runs/:id', async (req, reply) => {
    const found = await visibleRun(deps, req.user!, (req.params as { id: string }).id);
    if (!found) return notFound(req, reply);
    const { run, system } = found;
    const session = await deps.sessions.get(run.sessionId);
    if (!session) return notFound(req, reply);
    const finished = isFinal(run);
    const model = run.runJson ? (JSON.parse(run.runJson) as RunModel) : undefined;
    const decisions = await deps.reviews.latestOfRun(run.id);
    const has = (f: string) => Boolean(run.outDir && existsSync(join(run.outDir, f)));
    return sendPage(
      reply,
      renderPage('run', `Run ${shortId(run.id)}`, ctx(req), {
        session,
        system,
        run: { ...run, shortId: shortId(run.id) },
        live: !finished,
        finished,
        hasReport: has('report.html'),
        hasJunit: has('junit.xml'),
        hasEvidence: has('evidence/manifest.json'),
        labels: model ? runLabels(session, model, decisions) : [],
        tests: model
          ? reviewOrder(model.tests).map((t) => ({
              id: t.id,
              title: t.title,
              state: t.state,
              reqs: t.reqIds.join(' '),
              decision: decisions.get(t.id),
            }))
          : [],
      }),
    );
  });

  app.post('/runs/:id/stop', async (req, reply) => {
    const found = await visibleRun(deps, req.user!, (req.params as { id: string }).id);
    if (!found) return notFound(req, reply);
    if (!isFinal(found.run)) await deps.queue.requestStop(found.run.id);
    return reply.redirect(`/runs/${found.run.id}`, 303);
  });

  app.get('/runs/:id/files/:file', async (req, reply) => {
    const { id, file } = req.params as { id: string; file: string };
    const found = await visibleRun(deps, req.user!, id);
    const type = RUN_FILES[file];
    if (!found || !type || !found.run.outDir) return notFound(req, reply);
    const path = join(found.run.outDir, file);
    if (!existsSync(path)) return notFound(req, reply);
    if (file === 'report.html') reply.header('content-security-policy', REPORT_CSP);
    else reply.header('content-disposition', `attachment; filename="${file}"`);
    return reply.type(type).send(createReadStream(path));
  });

  // Live progress. Events are polled from the queue (any worker on any machine appends them)
  // and streamed; a reconnecting browser sends Last-Event-ID and gets only what it missed.
  app.get('/runs/:id/events', async (req, reply) => {
    const found = await visibleRun(deps, req.user!, (req.params as { id: string }).id);
    if (!found) return notFound(req, reply);
    const runId = found.run.id;
    const last = Number(req.headers['last-event-id'] ?? (req.query as { after?: string }).after ?? 0);
    let after = Number.isFinite(last) && last > 0 ? Math.floor(last) : 0;
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      connection: 'keep-alive',
    });
    let open = true;
    req.raw.on('close', () => {
      open = false;
    });
    let lastState = '';
    let idle = 0;
    res.write('retry: 2000\n\n');
    while (open) {
      try {
        const events = await deps.queue.events(runId, after);
        for (const e of events) {
          res.write(`id: ${e.seq}\nevent: progress\ndata: ${JSON.stringify(e.event)}\n\n`);
          after = e.seq;
        }
        const run = await deps.queue.get(runId);
        const state = run?.state ?? 'error';
        const final = run ? isFinal(run) : true;
        if (state !== lastState || (final && events.length === 0)) {
          res.write(`event: state\ndata: ${JSON.stringify({ state, final, summary: run?.summary ?? null })}\n\n`);
          lastState = state;
        }
        // Finished and nothing more to send: the stream ends (the page reloads to show the report).
        if (final && events.length === 0) break;
        idle = events.length === 0 ? idle + 1 : 0;
        if (idle > 0 && idle % 30 === 0) res.write(': keep-alive\n\n');
      } catch {
        res.write(
          `event: state\ndata: ${JSON.stringify({ state: 'unknown', final: false, summary: 'the console could not read the run; retrying' })}\n\n`,
        );
      }
      await new Promise((r) => setTimeout(r, deps.pollMs));
    }
    res.end();
  });
}
