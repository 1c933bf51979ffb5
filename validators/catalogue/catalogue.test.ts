import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { stringify, parse } from 'yaml';
import { loadCatalogue, parseCatalogue } from './catalogue.ts';
import { citationsOfUnknownIds } from './coverage.ts';
import { loadValueSets, parseValueSets } from './value-sets.ts';
import { allRuleSets } from '../registry.ts';

const shared = (name: string) => fileURLToPath(new URL(`../../../shared/spec/${name}`, import.meta.url));
const text = readFileSync(fileURLToPath(new URL('./requirements.yaml', import.meta.url)), 'utf8');

describe('requirement catalogue', () => {
  test('loads with unique IDs in known areas and levels', () => {
    const cat = loadCatalogue();
    expect(cat.requirements.length).toBeGreaterThan(200);
    expect(new Set(cat.requirements.map((r) => r.id)).size).toBe(cat.requirements.length);
    expect(cat.get('KOS-001')?.level).toBe('SHALL');
  });

  test('keeps the IDs of the shared specification, where it is beside the project', () => {
    let sharedText: string;
    try {
      sharedText = readFileSync(shared('requirements.yaml'), 'utf8');
    } catch {
      return; // a clone outside the workspace has no shared/: the project copy is the truth
    }
    const ids = (t: string) => (parse(t) as { requirements: { id: string }[] }).requirements.map((r) => r.id);
    expect(ids(text)).toEqual(expect.arrayContaining(ids(sharedText)));
  });

  test('rejects a duplicate ID', () => {
    const doc = parse(text) as { requirements: unknown[] };
    doc.requirements.push(doc.requirements[0]);
    expect(() => parseCatalogue(stringify(doc))).toThrow(/duplicate id KOS-001/);
  });

  test('rejects an unknown area and an unknown level', () => {
    const doc = parse(text) as { requirements: Record<string, unknown>[] };
    doc.requirements[0]!.id = 'NOPE-999';
    expect(() => parseCatalogue(stringify(doc))).toThrow(/known area/);
    const doc2 = parse(text) as { requirements: Record<string, unknown>[] };
    doc2.requirements[0]!.level = 'MUST';
    expect(() => parseCatalogue(stringify(doc2))).toThrow(/level/);
  });

  test('a rule citing an unknown ID such as NOPE-999 is rejected', () => {
    const cat = loadCatalogue();
    expect(citationsOfUnknownIds(cat, [{ id: 'kos.fake', reqIds: ['KOS-001', 'NOPE-999'] }])).toEqual([
      { citer: 'kos.fake', id: 'NOPE-999' },
    ]);
    expect(citationsOfUnknownIds(cat, [{ id: 'kos.none', reqIds: [] }])).toEqual([{ citer: 'kos.none', id: '(none)' }]);
  });

  test('every shipped rule cites at least one known, active requirement', async () => {
    const rules = (await allRuleSets()).flatMap((s) => s.rules);
    expect(citationsOfUnknownIds(loadCatalogue(), rules)).toEqual([]);
  });

  test('rule IDs are unique across all rule sets', async () => {
    const ids = (await allRuleSets()).flatMap((s) => s.rules.map((r) => r.id));
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });
});

describe('value sets', () => {
  test('load, and compare codes on value and scheme by key, OID or URI', () => {
    const vs = loadValueSets();
    expect(vs.contains('VS-MODALITY', 'CT')).toBe(true);
    expect(vs.contains('VS-MODALITY', 'CT', 'DCM')).toBe(true);
    expect(vs.contains('VS-MODALITY', 'CT', '1.2.840.10008.2.16.4')).toBe(true);
    expect(vs.contains('VS-MODALITY', 'CT', 'http://snomed.info/sct')).toBe(false);
    expect(vs.contains('VS-MODALITY', 'KO')).toBe(false);
  });

  test('rejects a duplicate value set', () => {
    const doc = parse(readFileSync(fileURLToPath(new URL('./value-sets.yaml', import.meta.url)), 'utf8')) as { value_sets: unknown[] };
    doc.value_sets.push(doc.value_sets[0]);
    expect(() => parseValueSets(stringify(doc))).toThrow(/duplicate value set VS-MODALITY/);
  });
});
