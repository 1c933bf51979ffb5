// Small view models shared by the pages that list runs and tests.
import type { TestResult, TestState } from '../../model/run.ts';
import type { QueuedRun } from '../queue/types.ts';

export const shortId = (id: string): string => id.slice(0, 8);

export function runRows(runs: readonly QueuedRun[]) {
  return [...runs]
    .sort((a, b) => (a.queuedAt < b.queuedAt ? 1 : a.queuedAt > b.queuedAt ? -1 : 0))
    .map((r) => ({ ...r, shortId: shortId(r.id) }));
}

const ORDER: Record<TestState, number> = { fail: 0, error: 1, wait: 2, skip: 3, pass: 4, omit: 5 };

/** Failed and error tests first, then the rest in plan order. */
export function reviewOrder<T extends Pick<TestResult, 'state'>>(tests: readonly T[]): T[] {
  return tests
    .map((t, i) => ({ t, i }))
    .sort((a, b) => ORDER[a.t.state] - ORDER[b.t.state] || a.i - b.i)
    .map(({ t }) => t);
}
