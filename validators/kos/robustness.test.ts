// 240 mutations of the conformant manifest (truncations, flipped lengths, random byte runs over
// element headers, wrong VR codes): every one gives findings, none throws, none hangs.
import { describe, expect, test } from 'vitest';
import { conformantManifest, toBytes } from '../../fixtures/builders/kos-fixtures.ts';
import type { DataSet, Element } from '../../protocols/dicom/data-set.ts';
import { readPart10 } from '../../protocols/dicom/reader.ts';
import { validateKos } from './validate.ts';

const base = toBytes(conformantManifest());
const elements: Element[] = [];
const collect = (ds: DataSet) => {
  for (const el of ds.elements.values()) {
    elements.push(el);
    el.items?.forEach(collect);
  }
};
collect(readPart10(base).dataSet);

// Deterministic: a failure names a mutation that can be replayed.
let seed = 0x2545f491;
const rand = (n: number) => {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 0) % n;
};
const pick = <T>(xs: readonly T[]): T => xs[rand(xs.length)]!;
const long = (el: Element) => el.valueOffset - el.offset === 12;

type Mutation = { name: string; bytes: Buffer };
const mutations: Mutation[] = [];
for (let i = 0; i < 60; i++) {
  const el = pick(elements);
  const cut = el.offset + 1 + rand(el.valueOffset - el.offset - 1);
  mutations.push({ name: `truncate inside the header of ${el.offset} at ${cut}`, bytes: base.subarray(0, cut) });
}
for (let i = 0; i < 60; i++) {
  const el = pick(elements);
  const b = Buffer.from(base);
  const delta = 1 + rand(40);
  if (long(el)) b.writeUInt32LE((el.length + delta) >>> 0, el.offset + 8);
  else b.writeUInt16LE((el.length + delta) & 0xffff, el.offset + 6);
  mutations.push({ name: `length of element at ${el.offset} + ${delta}`, bytes: b });
}
for (let i = 0; i < 60; i++) {
  const el = pick(elements);
  const b = Buffer.from(base);
  const n = 2 + rand(6);
  for (let k = 0; k < n; k++) b[el.offset + k] = rand(256);
  mutations.push({ name: `${n} random bytes over the header at ${el.offset}`, bytes: b });
}
const VRS = ['UI', 'SH', 'US', 'OB', 'SQ', 'ZZ', 'ui', '\0\0', 'LT', 'UN'];
for (let i = 0; i < 60; i++) {
  const el = pick(elements.filter((e) => !long(e)));
  const b = Buffer.from(base);
  const vr = pick(VRS.filter((v) => v !== el.vr));
  b.write(vr, el.offset + 4, 'latin1');
  mutations.push({ name: `VR ${el.vr} -> ${JSON.stringify(vr)} at ${el.offset}`, bytes: b });
}

describe('robustness', () => {
  test('makes at least 200 distinct mutations', () => {
    expect(mutations.length).toBeGreaterThanOrEqual(200);
  });
  test.each(mutations)('$name gives findings without throwing', ({ bytes }) => {
    let findings: ReturnType<typeof validateKos> = [];
    expect(() => {
      findings = validateKos(bytes, { artefact: 'm.dcm' });
    }).not.toThrow();
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.every((f) => f.location.artefact === 'm.dcm' && !f.message.startsWith('internal:'))).toBe(true);
  });
});
