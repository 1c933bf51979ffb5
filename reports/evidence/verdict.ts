// The verdict of a run as a pure function of its step results: test, plan and requirement
// states. The engine builds the run with it and `evidence verify` recomputes it offline, so
// the two can never disagree on the rules.
import { hasErrors, type Finding } from '../../model/finding.ts';
import { countStates, rollUp } from '../../model/roll-up.ts';
import type { StepResult, TestResult, TestState } from '../../model/run.ts';
import { compareReqIds } from '../canonical.ts';

export interface RequirementVerdict {
  id: string;
  state: TestState;
  tests: string[];
  errors: number;
  warnings: number;
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
 * A step that failed on findings fails exactly the requirements its error findings cite;
 * the other requirements it exercises pass. A step that failed without findings (timeout,
 * missing exchange) fails everything it cites. Other states pass through unchanged.
 */
export function requirementVerdicts(tests: readonly TestResult[]): RequirementVerdict[] {
  const acc = new Map<string, { states: TestState[]; tests: Set<string>; errors: number; warnings: number }>();
  const entry = (id: string) => {
    let e = acc.get(id);
    if (!e) acc.set(id, (e = { states: [], tests: new Set(), errors: 0, warnings: 0 }));
    return e;
  };
  for (const t of tests) {
    for (const s of t.steps) {
      const failing = new Set(s.findings.filter((f) => f.severity === 'error').flatMap((f) => f.reqIds));
      const byFindings = s.state === 'fail' && failing.size > 0;
      for (const id of new Set([...s.reqIds, ...failing])) {
        const e = entry(id);
        e.tests.add(t.id);
        e.states.push(byFindings ? (failing.has(id) ? 'fail' : 'pass') : s.state);
      }
      for (const f of s.findings) {
        for (const id of f.reqIds) {
          if (f.severity === 'error') entry(id).errors += 1;
          else if (f.severity === 'warning') entry(id).warnings += 1;
        }
      }
    }
    // A test that cites a requirement but has no step citing it still answers for it.
    for (const id of t.reqIds) {
      if (!acc.has(id)) {
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
