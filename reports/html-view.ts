// The view model of report.html: every field the template reads is present (strict mode),
// as plain text that handlebars escapes. No markup is built here.
import type { Finding } from '../model/finding.ts';
import { TEST_STATES, type LabelOutcome, type RunModel, type TestResult, type TestState } from '../model/run.ts';
import { allFindings, canonicalRun, compareReqIds, sortReqIds } from './canonical.ts';
import type { Excerpts, ExchangeExcerpt } from './evidence/excerpts.ts';
import { groupReasons } from './label/group-reasons.ts';

const LABEL_STATE: Record<LabelOutcome, TestState> = { granted: 'pass', refused: 'fail', incomplete: 'wait', 'not-eligible': 'skip' };

export function duration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

/** A requirement ID with its catalogue title (from the run's requirement table), shown together everywhere. */
export interface ReqRef {
  id: string;
  title: string;
}

type Titles = (ids: readonly string[]) => ReqRef[];

function titles(run: RunModel): Titles {
  const byId = new Map(run.requirements.map((r) => [r.id, r.title]));
  return (ids) => ids.map((id) => ({ id, title: byId.get(id) ?? '' }));
}

/** Failed and error tests first (what a monitor opens the report for), then the rest in plan order. */
export function reportOrder(tests: readonly TestResult[]): TestResult[] {
  const rank = (s: TestState) => (s === 'fail' ? 0 : s === 'error' ? 1 : 2);
  return [...tests].sort((a, b) => rank(a.state) - rank(b.state));
}

function findingView(f: Finding, refs: Titles) {
  return {
    severity: f.severity,
    reqs: refs(f.reqIds),
    artefact: f.location.artefact,
    path: f.location.path,
    message: f.message,
    ruleId: f.ruleId,
    evidence: f.evidence ?? [],
  };
}

function exchangeView(x: ExchangeExcerpt) {
  const body = (b: ExchangeExcerpt['request']) => ({
    line: b.line,
    meta: [b.contentType, `${b.size} bytes`].filter(Boolean).join(', '),
    text: b.text,
    more: b.more > 0 ? `… ${b.more} more bytes in the evidence bundle` : null,
  });
  return {
    id: x.id,
    transaction: x.transaction,
    route: `${x.from} → ${x.to}`,
    error: x.error,
    request: body(x.request),
    response: x.response ? body(x.response) : null,
  };
}

/** The exchanges of a failed or error test that have an excerpt, in evidence order. */
function testExchanges(t: TestResult, findings: readonly Finding[], excerpts: Excerpts) {
  if (t.state !== 'fail' && t.state !== 'error') return [];
  const ids = new Set([...findings.flatMap((f) => f.evidence ?? []), ...t.steps.flatMap((s) => s.evidence), ...t.evidence]);
  return [...ids].flatMap((id) => (excerpts[id] ? [exchangeView(excerpts[id])] : []));
}

/** What the filter script needs, and nothing else. `tests` in the order the report shows them. */
export function filterData(run: RunModel, tests: readonly TestResult[] = run.tests) {
  return {
    tests: tests.map((t) => ({
      state: t.state,
      actor: t.actor ?? '',
      reqIds: sortReqIds([...t.reqIds, ...allFindings(t).flatMap((f) => f.reqIds)]),
    })),
    requirements: run.requirements.map((r) => ({ id: r.id, state: r.state })),
  };
}

export function htmlView(input: RunModel, excerpts: Excerpts = {}) {
  const run = canonicalRun(input);
  const refs = titles(run);
  const counts = run.counts;
  const ordered = reportOrder(run.tests);
  const data = filterData(run, ordered);
  const labels = (run.labels ?? []).map((l) => ({
    policy: `${l.policy.id} ${l.policy.version}`,
    role: l.role,
    outcome: l.outcome,
    stateClass: LABEL_STATE[l.outcome],
    required: l.required.map((r) => ({
      id: r.id,
      title: refs([r.id])[0]?.title ?? '',
      level: r.level,
      state: r.state,
      waived: r.waived?.reason ?? null,
      notApplicable: r.notApplicable?.reason ?? null,
    })),
    // The summary reads one line per reason; thirty untested requirements are one line of IDs.
    reasons: groupReasons(l.reasons),
  }));
  return {
    plan: run.plan,
    sut: { name: run.sut.name, roles: run.sut.roles.join(', ') },
    catalogue: run.catalogue.version,
    tool: `${run.tool.name} ${run.tool.version}`,
    startedAt: run.startedAt,
    endedAt: run.endedAt,
    duration: duration(run.durationMs),
    incomplete: run.incomplete,
    state: run.state,
    total: run.tests.length,
    counts: TEST_STATES.map((state) => ({ state, n: counts[state] })),
    // The summary names only the states that occur: "3 pass, 1 fail" reads faster than six numbers.
    summaryCounts: TEST_STATES.filter((state) => counts[state] > 0).map((state) => ({ state, n: counts[state] })),
    actors: [...new Set(run.tests.flatMap((t) => (t.actor ? [t.actor] : [])))].sort(),
    reqs: refs([...new Set([...data.tests.flatMap((t) => t.reqIds), ...run.requirements.map((r) => r.id)])].sort(compareReqIds)),
    relaxations: run.relaxations ?? [],
    labels,
    overrides: run.overrides.map((o) => ({
      kind: o.kind,
      target: o.target,
      source: o.source,
      reason: o.reason ?? null,
      change: o.from !== undefined || o.to !== undefined ? `${o.from ?? '?'} → ${o.to ?? '?'}` : null,
    })),
    tests: ordered.map((t) => {
      const findings = allFindings(t);
      const exchanges = testExchanges(t, findings, excerpts);
      return {
        id: t.id,
        title: t.title,
        actor: t.actor ?? '',
        reqs: refs(t.reqIds),
        state: t.state,
        duration: duration(t.durationMs),
        message: t.message ?? null,
        findingCount: findings.length,
        findings: findings.map((f) => findingView(f, refs)),
        steps: t.steps.map((s) => ({
          id: s.id,
          title: s.title,
          reqs: refs(s.reqIds),
          state: s.state,
          duration: duration(s.durationMs),
          message: s.message ?? null,
          evidence: s.evidence,
          notChecked: s.notChecked ? `${s.notChecked.reqIds.join(', ')}: ${s.notChecked.reason}` : null,
        })),
        evidence: t.evidence,
        exchanges,
        // A failed test opens with its details showing: that is what the reader came for.
        open: t.state === 'fail' || t.state === 'error',
        hasDetails: t.steps.length + findings.length + t.evidence.length > 0,
      };
    }),
    requirements: run.requirements.map((r) => ({ ...r, waived: r.waived?.reason ?? null })),
    data,
  };
}
