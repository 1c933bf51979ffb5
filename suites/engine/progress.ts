// Progress events: the engine reports, the CLI renders (suites/ never prints).
import type { TestState } from '../../model/run.ts';

export type ProgressEvent =
  | { type: 'run-start'; planId: string; total: number }
  | { type: 'test-start'; testId: string; title: string }
  | { type: 'step-start'; testId: string; stepId: string; title: string }
  | { type: 'step-end'; testId: string; stepId: string; state: TestState; message?: string }
  /** A step waits for the SUT: show the tester what to do. */
  | { type: 'instructions'; testId: string; stepId: string; transaction: string; text: string; timeoutMs: number }
  | { type: 'test-end'; testId: string; state: TestState; message?: string; done: number; total: number }
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
