// Progress events: the engine reports, the CLI renders (suites/ never prints).
import type { TestResult, TestState } from '../../model/run.ts';

/** Why a test failed or ended in error, for a one-line progress report (the run model has the rest). */
export interface TestFailure {
  /** The requirements the failure cites (its error findings', else its failing steps'). */
  reqIds: string[];
  /** The test's message, else its first error finding's. */
  reason: string;
  /** Further error findings beyond the one the reason names. */
  more: number;
}

export type ProgressEvent =
  | { type: 'run-start'; planId: string; total: number }
  | { type: 'test-start'; testId: string; title: string }
  | { type: 'step-start'; testId: string; stepId: string; title: string }
  | { type: 'step-end'; testId: string; stepId: string; state: TestState; message?: string }
  /** A step waits for the SUT: show the tester what to do. */
  | { type: 'instructions'; testId: string; stepId: string; transaction: string; text: string; timeoutMs: number }
  | { type: 'test-end'; testId: string; state: TestState; message?: string; failure?: TestFailure; done: number; total: number }
  | { type: 'run-end'; state: TestState; incomplete: boolean };

export type ProgressListener = (event: ProgressEvent) => void;

/** A listener that throws must not break the run. */
export function safeListener(listener: ProgressListener | undefined): ProgressListener {
  return (event) => {
    try {
      listener?.(event);
    } catch {
      // Rendering progress is best effort; the run model carries the real outcome.
    }
  };
}

/** The failure of a test that failed or ended in error; undefined for the other states. */
export function failureOf(result: TestResult): TestFailure | undefined {
  if (result.state !== 'fail' && result.state !== 'error') return undefined;
  const errors = result.findings.filter((f) => f.severity === 'error');
  const failing = result.steps.filter((s) => s.state === result.state);
  const cited = errors.length > 0 ? errors.flatMap((f) => f.reqIds) : failing.flatMap((s) => s.reqIds);
  const reqIds = [...new Set(cited.length > 0 ? cited : result.reqIds)];
  const reason = result.message ?? errors[0]?.message ?? (result.state === 'fail' ? 'failed' : 'error');
  return { reqIds, reason, more: Math.max(0, errors.length - 1) };
}
