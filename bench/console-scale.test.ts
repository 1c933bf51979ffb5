// The scale bench's event mix stays a 60-system event over plans that exist.
import { expect, test } from 'vitest';
import { PLANS } from '../suites/plans/index.ts';
import { MIX, systemsOf } from './console-scale.bench.ts';

test('60 systems follow the weights; every plan of the mix exists; a small count still mixes kinds', () => {
  expect(MIX.reduce((n, m) => n + m.weight, 0)).toBe(60);
  const counts = new Map<string, number>();
  for (const k of systemsOf(60)) counts.set(k, (counts.get(k) ?? 0) + 1);
  for (const m of MIX) expect(counts.get(m.kind), m.kind).toBe(m.weight);
  for (const plan of MIX.flatMap((m) => m.plans)) expect(Object.keys(PLANS)).toContain(plan);
  expect(new Set(systemsOf(3)).size).toBe(3);
  expect(systemsOf(120)).toHaveLength(120);
});
