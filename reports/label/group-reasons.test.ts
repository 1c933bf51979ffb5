import { expect, test } from 'vitest';
import { groupReasons } from './group-reasons.ts';

// Made-up IDs: the function only reads the text, and catalogue IDs here would count as coverage.

test("merges three or more same-level, same-wording reasons at the first one's place and keeps the rest in order", () => {
  expect(
    groupReasons([
      'not eligible: localTestSetup',
      'Q-002 (SHALL) failed',
      'Q-101 (SHALL) was not tested',
      'Q-102 (SHALL) was not tested',
      'Q-201 (SHALL) ended in error (our side could not judge): re-run needed',
      'Q-103 (SHALL) was not tested',
      'Q-301 (SHOULD) was not tested',
      'warning: Q-400 (SHOULD) failed',
      'warning: Q-401 (SHOULD) was not tested',
      'warning: Q-402 (SHOULD) was not tested',
      'warning: Q-403 (SHOULD) was not tested',
    ]),
  ).toEqual([
    'not eligible: localTestSetup',
    'Q-002 (SHALL) failed',
    '3 SHALL requirements were not tested: Q-101, Q-102, Q-103',
    'Q-201 (SHALL) ended in error (our side could not judge): re-run needed',
    'Q-301 (SHOULD) was not tested',
    'warning: Q-400 (SHOULD) failed',
    'warning: 3 SHOULD requirements were not tested: Q-401, Q-402, Q-403',
  ]);
});

test('leaves two alike reasons as they are', () => {
  const two = ['A-1 (SHALL) failed', 'A-2 (SHALL) failed'];
  expect(groupReasons(two)).toEqual(two);
});
