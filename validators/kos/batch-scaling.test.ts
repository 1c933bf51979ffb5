// A batch of KOS files costs work linear in the number of files, however many share one
// study (issue 17: 3,000 copies of one manifest took 14x the time of 300). Measured as DICOM
// value look-ups, not time, so the test means the same on a loaded machine.
import { describe, expect, test, vi } from 'vitest';
import { conformantKin, conformantManifest, toBytes } from '../../fixtures/builders/kos-fixtures.ts';
import { Dicom } from '../../protocols/dicom/values.ts';
import { validateKosSet, type KosInput } from './validate.ts';

const MANIFEST = toBytes(conformantManifest());
const KIN = toBytes(conformantKin());

/** Value look-ups (str, items, el) made while validating `inputs` together, and the findings. */
function lookups(inputs: KosInput[]): { count: number; findings: string[][] } {
  const spies = [vi.spyOn(Dicom.prototype, 'str'), vi.spyOn(Dicom.prototype, 'items'), vi.spyOn(Dicom.prototype, 'el')];
  const results = validateKosSet(inputs);
  const count = spies.reduce((n, s) => n + s.mock.calls.length, 0);
  for (const s of spies) s.mockRestore();
  return { count, findings: results.map((r) => r.findings.map((f) => `${f.ruleId} ${f.message}`)) };
}

const copies = (n: number, bytes: Uint8Array, name: string): KosInput[] =>
  Array.from({ length: n }, (_, i) => ({ artefact: `${name}-${i}.dcm`, bytes }));

describe('validate kos in batch scales linearly within one study', () => {
  const N = 20;
  test.each([
    ['copies of one manifest with its KIN', (n: number) => [...copies(n, MANIFEST, 'manifest'), { artefact: 'kin.dcm', bytes: KIN }]],
    ['copies of one KIN with its manifest', (n: number) => [{ artefact: 'manifest.dcm', bytes: MANIFEST }, ...copies(n, KIN, 'kin')]],
    ['copies of one manifest alone', (n: number) => copies(n, MANIFEST, 'manifest')],
  ])('%s: 10x the files is at most 10.5x the look-ups', (_, build) => {
    const small = lookups(build(N));
    const large = lookups(build(10 * N));
    // Linear work gives ~10x (the fixed part is small); one O(n) step per file gives ~10x + n.
    expect(large.count / small.count).toBeLessThan(10.5);
    // Same inputs, same findings: every copy is judged as the first one is.
    expect(new Set(large.findings.map((f) => f.join('\n'))).size).toBe(new Set(small.findings.map((f) => f.join('\n'))).size);
  });
});
