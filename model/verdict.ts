// The verdict of a run as a pure function of its step results: step, test, plan and
// requirement states. The engine builds the run with it, `evidence verify` recomputes it
// offline and the label decision derives its per-role states from it, so none of them can
// disagree on the rules. Lives beside rollUp: every layer may read it.
import { hasErrors, type Finding } from './finding.ts';
import { countStates, rollUp } from './roll-up.ts';
import type { StepResult, TestResult, TestState } from './run.ts';

export interface RequirementVerdict {
  id: string;
  state: TestState;
  tests: string[];
  errors: number;
  warnings: number;
}

/** KOS-002 before KOS-010 before XDS-001: area, then number. */
export function compareReqIds(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}

export function testState(steps: readonly Pick<StepResult, 'state'>[]): TestState {
  return rollUp(steps);
}

export function planState(tests: readonly Pick<TestResult, 'state'>[]): TestState {
  return rollUp(tests);
}

export function stepStateFromFindings(findings: readonly Finding[]): TestState {
  return hasErrors(findings) ? 'fail' : 'pass';
}

/**
 * What one step says about each requirement it cites. A step that failed on findings fails
 * exactly the requirements its error findings cite and passes the others; a step that failed
 * without findings (timeout, missing exchange) fails everything it cites. A requirement the
 * step declared but could not check (notChecked) is 'skip' (not tested), never 'pass', unless
 * an error finding cites it after all. Other states pass through unchanged.
 */
export function stepRequirementStates(s: Pick<StepResult, 'state' | 'reqIds' | 'findings' | 'notChecked'>): Map<string, TestState> {
  const failing = new Set(s.findings.filter((f) => f.severity === 'error').flatMap((f) => f.reqIds));
  const byFindings = s.state === 'fail' && failing.size > 0;
  const unchecked = new Set(s.notChecked?.reqIds ?? []);
  const out = new Map<string, TestState>();
  for (const id of new Set([...s.reqIds, ...failing])) {
    if (byFindings) out.set(id, failing.has(id) ? 'fail' : unchecked.has(id) ? 'skip' : 'pass');
    else if (failing.has(id)) out.set(id, s.state);
    else out.set(id, unchecked.has(id) && (s.state === 'pass' || s.state === 'fail') ? 'skip' : s.state);
  }
  return out;
}

/**
 * Requirement states of a run's tests. `counts` (the label decision's) keeps only the verdicts
 * a test may give on a requirement (e.g. not one checked against our own simulator).
 */
export function requirementVerdicts(
  tests: readonly TestResult[],
  counts: (test: TestResult, reqId: string) => boolean = () => true,
): RequirementVerdict[] {
  const acc = new Map<string, { states: TestState[]; tests: Set<string>; errors: number; warnings: number }>();
  const entry = (id: string) => {
    let e = acc.get(id);
    if (!e) acc.set(id, (e = { states: [], tests: new Set(), errors: 0, warnings: 0 }));
    return e;
  };
  for (const t of tests) {
    for (const s of t.steps) {
      for (const [id, state] of stepRequirementStates(s)) {
        if (!counts(t, id)) continue;
        const e = entry(id);
        e.tests.add(t.id);
        e.states.push(state);
      }
      for (const f of s.findings) {
        for (const id of f.reqIds) {
          if (!counts(t, id)) continue;
          if (f.severity === 'error') entry(id).errors += 1;
          else if (f.severity === 'warning') entry(id).warnings += 1;
        }
      }
    }
    // A test that cites a requirement but has no step citing it still answers for it.
    for (const id of t.reqIds) {
      if (!acc.has(id) && counts(t, id)) {
        const e = entry(id);
        e.tests.add(t.id);
        e.states.push(t.state);
      }
    }
  }
  return [...acc.entries()]
    .filter(([, e]) => e.states.length > 0)
    .map(([id, e]) => ({
      id,
      state: rollUp(e.states.map((state) => ({ state }))),
      tests: [...e.tests].sort(),
      errors: e.errors,
      warnings: e.warnings,
    }))
    .sort((a, b) => compareReqIds(a.id, b.id));
}

export { countStates };
