// The view model of report.html: every field the template reads is present (strict mode),
// as plain text that handlebars escapes. No markup is built here.
import type { Finding } from '../model/finding.ts';
import { TEST_STATES, type LabelOutcome, type RunModel, type TestState } from '../model/run.ts';
import { allFindings, canonicalRun, compareReqIds, sortReqIds } from './canonical.ts';

const LABEL_STATE: Record<LabelOutcome, TestState> = { granted: 'pass', refused: 'fail', incomplete: 'wait', 'not-eligible': 'skip' };

export function duration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

function findingView(f: Finding) {
  return { severity: f.severity, reqIds: f.reqIds, artefact: f.location.artefact, path: f.location.path, message: f.message, ruleId: f.ruleId, evidence: f.evidence ?? [] };
}

/** What the filter script needs, and nothing else. */
export function filterData(run: RunModel) {
  return {
    tests: run.tests.map((t) => ({ state: t.state, actor: t.actor ?? '', reqIds: sortReqIds([...t.reqIds, ...allFindings(t).flatMap((f) => f.reqIds)]) })),
    requirements: run.requirements.map((r) => ({ id: r.id, state: r.state })),
  };
}

export function htmlView(input: RunModel) {
  const run = canonicalRun(input);
  const counts = run.counts;
  const data = filterData(run);
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
    actors: [...new Set(run.tests.flatMap((t) => (t.actor ? [t.actor] : [])))].sort(),
    reqIds: [...new Set([...data.tests.flatMap((t) => t.reqIds), ...run.requirements.map((r) => r.id)])].sort(compareReqIds),
    relaxations: run.relaxations ?? [],
    labels: (run.labels ?? []).map((l) => ({
      policy: `${l.policy.id} ${l.policy.version}`,
      role: l.role,
      outcome: l.outcome,
      stateClass: LABEL_STATE[l.outcome],
      required: l.required.map((r) => ({ id: r.id, level: r.level, state: r.state, waived: r.waived?.reason ?? null, notApplicable: r.notApplicable?.reason ?? null })),
      reasons: l.reasons,
    })),
    overrides: run.overrides.map((o) => ({
      kind: o.kind, target: o.target, source: o.source, reason: o.reason ?? null,
      change: o.from !== undefined || o.to !== undefined ? `${o.from ?? '?'} → ${o.to ?? '?'}` : null,
    })),
    tests: run.tests.map((t) => {
      const findings = allFindings(t);
      return {
        id: t.id, title: t.title, actor: t.actor ?? '', reqIds: t.reqIds, state: t.state, duration: duration(t.durationMs),
        message: t.message ?? null,
        findingCount: findings.length,
        findings: findings.map(findingView),
        steps: t.steps.map((s) => ({ id: s.id, title: s.title, reqIds: s.reqIds, state: s.state, duration: duration(s.durationMs), message: s.message ?? null, evidence: s.evidence, notChecked: s.notChecked ? `${s.notChecked.reqIds.join(', ')}: ${s.notChecked.reason}` : null })),
        evidence: t.evidence,
        hasDetails: t.steps.length + findings.length + t.evidence.length > 0,
      };
    }),
    requirements: run.requirements.map((r) => ({ ...r, waived: r.waived?.reason ?? null })),
    data,
  };
}
