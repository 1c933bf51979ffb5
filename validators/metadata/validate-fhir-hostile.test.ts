import { describe, expect, test } from 'vitest';
import { validateFhirJson } from './validate-fhir.ts';

describe('validateFhirJson on hostile JSON', () => {
  test('a null Bundle entry is a finding at that entry, not a TypeError', () => {
    const r = validateFhirJson('{"resourceType":"Bundle","type":"transaction","entry":[null]}', 'b.json');
    expect(r.findings).toMatchObject([
      { ruleId: 'mhd.bundle.entry-object', severity: 'error', location: { artefact: 'b.json', path: 'Bundle.entry[0]' } },
    ]);
  });

  test('a duplicate resourceType is a parse finding naming the key', () => {
    const r = validateFhirJson('{"resourceType":"Bundle","resourceType":"Patient"}', 'd.json');
    expect(r.findings).toHaveLength(1);
    expect(r.findings[0]!.message).toContain('duplicate key "resourceType"');
  });
});
