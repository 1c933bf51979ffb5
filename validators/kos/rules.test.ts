// Every KOS rule: the conformant fixtures pass every profile clean, and each one-change case
// of fixtures/kos/cases.ts is flagged by its rule at the exact tag path.
import { describe, expect, test } from 'vitest';
import { conformantKin, conformantManifest, toBytes } from '../../fixtures/builders/kos-fixtures.ts';
import { caseFiles, KOS_CASES } from '../../fixtures/kos/cases.ts';
import { unknownIds } from '../catalogue/catalogue.ts';
import { IOD, KIN_MANIFEST, KIN_NOTE, MCWG, XDS_I } from './rule-sets.ts';
import { validateKos, validateKosSet } from './validate.ts';

const ALL = [...IOD, ...XDS_I, ...MCWG, ...KIN_MANIFEST, ...KIN_NOTE];

describe('conformant fixtures', () => {
  test('the manifest passes every profile with no finding at all', () => {
    expect(validateKos(toBytes(conformantManifest()), { artefact: 'm.dcm' })).toEqual([]);
  });
  test('the manifest read with its KIN, and the KIN, pass clean', () => {
    const r = validateKosSet([
      { artefact: 'm.dcm', bytes: toBytes(conformantManifest()) },
      { artefact: 'k.dcm', bytes: toBytes(conformantKin()) },
    ]);
    expect(r).toEqual([
      { artefact: 'm.dcm', findings: [] },
      { artefact: 'k.dcm', findings: [] },
    ]);
  });
  test('the implicit VR little endian manifest passes clean too', () => {
    expect(validateKos(toBytes(conformantManifest(), { transferSyntax: 'implicit' }), { artefact: 'mi.dcm' })).toEqual([]);
  });
});

describe('catalogue', () => {
  test('every rule cites known catalogue IDs and has a unique id', () => {
    expect(unknownIds(ALL.flatMap((r) => r.reqIds))).toEqual([]);
    expect(new Set(ALL.map((r) => r.id)).size).toBe(ALL.length);
  });
  test('every rule has at least one broken case', () => {
    const covered = new Set(KOS_CASES.map((c) => c.ruleId));
    expect(ALL.map((r) => r.id).filter((id) => !covered.has(id))).toEqual([]);
  });
});

describe.each(KOS_CASES)('case $name', (c) => {
  const { manifest, kin } = caseFiles(c);
  const inputs = [
    { artefact: 'manifest.dcm', bytes: manifest },
    ...(c.pair || c.target === 'kin' ? [{ artefact: 'kin.dcm', bytes: kin }] : []),
  ];
  const results = validateKosSet(inputs, c.locations ? { locations: c.locations } : {});
  const findings = results.find((r) => r.artefact === (c.target === 'kin' ? 'kin.dcm' : 'manifest.dcm'))!.findings;

  test(`${c.ruleId} flags it at ${c.path}`, () => {
    const mine = findings.filter((f) => f.ruleId === c.ruleId);
    expect(mine.map((f) => f.location.path)).toContain(c.path);
    expect(mine.find((f) => f.location.path === c.path)!.severity).toBe(c.severity ?? 'error');
  });
  test('no other rule flags it, except the declared overlap', () => {
    const others = new Set(findings.filter((f) => f.ruleId !== c.ruleId && f.severity !== 'info').map((f) => f.ruleId));
    expect([...others].sort()).toEqual([...(c.also ?? [])].sort());
  });
});
