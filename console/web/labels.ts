// The label decision per system and role, recomputed from the automatic verdicts plus the
// monitors' decisions (reports/label/decide.ts does the deciding). A decision replaces its
// test's steps with one step citing every requirement the test cited: verified → pass,
// failed → fail, partially verified → skip (not fully tested, so the label stays incomplete).
import { isAbsolute } from 'node:path';
import { packagePath } from '../../model/package-root.ts';
import type { LabelDecision, RunModel, TestResult, TestState } from '../../model/run.ts';
import { decide } from '../../reports/label/decide.ts';
import { labelFacts, loadPolicy, type LoadedPolicy } from '../../suites/policies/load-policy.ts';
import type { DecisionRecord, MonitorDecision } from '../store/reviews.ts';
import type { TestingSession } from '../store/testing-sessions.ts';

export const DECISION_STATE: Record<MonitorDecision, TestState> = {
  verified: 'pass',
  'partially-verified': 'skip',
  failed: 'fail',
};

const policies = new Map<string, LoadedPolicy>();

export function sessionPolicy(session: Pick<TestingSession, 'policyFile'>): LoadedPolicy {
  const file = isAbsolute(session.policyFile) ? session.policyFile : packagePath(session.policyFile);
  let p = policies.get(file);
  if (!p) policies.set(file, (p = loadPolicy(file)));
  return p;
}

function citedIds(t: TestResult): string[] {
  const ids = new Set(t.reqIds);
  for (const s of t.steps) {
    for (const id of s.reqIds) ids.add(id);
    for (const f of s.findings) for (const id of f.reqIds) ids.add(id);
  }
  return [...ids];
}

/** The run as the monitors' decisions have it. */
export function withDecisions(run: RunModel, decisions: ReadonlyMap<string, DecisionRecord>): RunModel {
  if (decisions.size === 0) return run;
  const tests = run.tests.map((t): TestResult => {
    const d = decisions.get(t.id);
    if (!d) return t;
    const state = DECISION_STATE[d.decision];
    return {
      ...t,
      state,
      findings: [],
      steps: [
        {
          id: 'monitor-decision',
          title: `monitor ${d.decidedBy}: ${d.decision}`,
          reqIds: citedIds(t),
          state,
          durationMs: 0,
          message: d.comment,
          findings: [],
          evidence: [],
        },
      ],
    };
  });
  return { ...run, tests };
}

export interface ConsoleLabel extends LabelDecision {
  /** The monitor decisions that differ from the automatic verdict on a requirement of this role, one line each. */
  changedBy: string[];
}

export function runLabels(session: TestingSession, run: RunModel, decisions: ReadonlyMap<string, DecisionRecord>): ConsoleLabel[] {
  const loaded = sessionPolicy(session);
  const options = Array.isArray(run.sut.profile?.options) ? (run.sut.profile.options as string[]) : [];
  const facts = labelFacts(loaded.policy, { options: options as never });
  const auto = decide(loaded.policy, run, facts);
  const reviewed = decide(loaded.policy, withDecisions(run, decisions), facts);
  return reviewed.map((label, i) => {
    const before = auto[i];
    const required = new Set(label.required.map((r) => r.id));
    const changedBy: string[] = [];
    for (const t of run.tests) {
      const d = decisions.get(t.id);
      if (!d || DECISION_STATE[d.decision] === t.state) continue;
      if (!citedIds(t).some((id) => required.has(id))) continue;
      changedBy.push(`${t.id}: ${d.decision} by ${d.decidedBy} (automatic verdict ${t.state}): ${d.comment}`);
    }
    if (before && before.outcome !== label.outcome) changedBy.unshift(`outcome from the automatic verdicts alone: ${before.outcome}`);
    return { ...label, changedBy };
  });
}

const RANK: Record<LabelDecision['outcome'], number> = { 'not-eligible': 3, refused: 2, incomplete: 1, granted: 0 };

/**
 * One decision per role over several runs (each plan's latest): the worst outcome wins, a role
 * no run decided is incomplete. Reasons are prefixed with the plan they come from.
 */
export function combineLabels(
  roles: readonly string[],
  perRun: readonly { plan: string; planRoles: readonly string[]; labels: readonly ConsoleLabel[] }[],
): ConsoleLabel[] {
  return roles.map((role) => {
    // Only plans that test the role speak for it: another plan's run decides it 'not tested'.
    const mine = perRun
      .filter((r) => r.planRoles.includes(role))
      .flatMap((r) => r.labels.filter((l) => l.role === role).map((l) => ({ plan: r.plan, l })));
    if (mine.length === 0)
      return {
        policy: { id: '', version: '' },
        role,
        outcome: 'incomplete',
        required: [],
        reasons: ['no finished run of a plan testing this role'],
        changedBy: [],
      };
    const worst = mine.reduce((a, b) => (RANK[b.l.outcome] > RANK[a.l.outcome] ? b : a));
    return {
      policy: worst.l.policy,
      role,
      outcome: worst.l.outcome,
      required: mine.flatMap((m) => m.l.required),
      reasons: mine.flatMap((m) => m.l.reasons.map((r) => `${m.plan}: ${r}`)),
      changedBy: mine.flatMap((m) => m.l.changedBy.map((r) => `${m.plan}: ${r}`)),
    };
  });
}
