import { expect, test } from 'vitest';
import { groupReasons } from './group-reasons.ts';

test('merges three or more same-level, same-wording reasons at the first one\'s place and keeps the rest in order', () => {
  expect(groupReasons([
    'not eligible: localTestSetup',
    'KOS-002 (SHALL) failed',
    'KIN-001 (SHALL) was not tested',
    'KIN-002 (SHALL) was not tested',
    'XDS-001 (SHALL) ended in error (our side could not judge): re-run needed',
    'KIN-003 (SHALL) was not tested',
    'WADO-001 (SHOULD) was not tested',
    'warning: KOS-030 (SHOULD) failed',
    'warning: KOS-031 (SHOULD) was not tested',
    'warning: KOS-032 (SHOULD) was not tested',
    'warning: KOS-033 (SHOULD) was not tested',
  ])).toEqual([
    'not eligible: localTestSetup',
    'KOS-002 (SHALL) failed',
    '3 SHALL requirements were not tested: KIN-001, KIN-002, KIN-003',
    'XDS-001 (SHALL) ended in error (our side could not judge): re-run needed',
    'WADO-001 (SHOULD) was not tested',
    'warning: KOS-030 (SHOULD) failed',
    'warning: 3 SHOULD requirements were not tested: KOS-031, KOS-032, KOS-033',
  ]);
});

test('leaves two alike reasons as they are', () => {
  const two = ['A-1 (SHALL) failed', 'A-2 (SHALL) failed'];
  expect(groupReasons(two)).toEqual(two);
});
