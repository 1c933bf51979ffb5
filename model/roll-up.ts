import type { TestState } from './run.ts';

// Which state wins when children disagree: a pending wait, then our own breakage, then
// a SUT failure; pass only when nothing worse happened. 'omit' (not applicable) never
// hides a result.
const PRIORITY: readonly TestState[] = ['wait', 'error', 'fail', 'skip', 'pass', 'omit'];

export function rollUp(kids: readonly { state: TestState; optional?: boolean }[]): TestState {
  if (kids.some((k) => k.state === 'wait')) return 'wait';
  const required = kids.filter((k) => !k.optional);
  if (required.length === 0) return kids.some((k) => k.state === 'pass') ? 'pass' : 'omit';
  return PRIORITY.find((s) => required.some((k) => k.state === s)) ?? 'omit';
}

export function countStates(items: readonly { state: TestState }[]): Record<TestState, number> {
  const counts: Record<TestState, number> = { pass: 0, fail: 0, skip: 0, omit: 0, error: 0, wait: 0 };
  for (const i of items) counts[i.state] += 1;
  return counts;
}
