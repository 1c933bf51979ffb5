// MHD rules and the XDS rules through the mapping: the conformant ITI-65 Bundle passes clean;
// one change is flagged at the exact FHIRPath.
import { describe, expect, test } from 'vitest';
import { conformantProvideBundle } from '../../../fixtures/builders/mhd-bundle.ts';
import { validateFhir, validateFhirJson } from '../validate-fhir.ts';
import { DR, MHD_CASES, dr } from './broken-cases.ts';

describe('MHD validation', () => {
  test('the conformant ITI-65 Bundle passes clean', () => {
    expect(validateFhir(conformantProvideBundle(), 'b.json').findings.filter((f) => f.severity !== 'info')).toEqual([]);
  });

  test.each(MHD_CASES)('flags $name', ({ ruleId, path, change }) => {
    const b = conformantProvideBundle();
    change(b);
    const found = validateFhir(b, 'b.json').findings.filter((f) => f.ruleId === ruleId);
    expect(found.map((f) => f.location.path)).toContain(path);
  });

  // The R4 schema pass is no catalogue rule, so this case is not in the broken-case table.
  test('flags a wrongly typed status at the FHIRPath (R4 schema)', () => {
    const b = conformantProvideBundle();
    (dr(b) as unknown as { status: number }).status = 3;
    expect(
      validateFhir(b, 'b.json')
        .findings.filter((f) => f.ruleId === 'mhd.r4-schema')
        .map((f) => f.location.path),
    ).toContain(`${DR}.status`);
  });

  test('XDS findings on a DocumentReference cite the MHD requirement', () => {
    const b = conformantProvideBundle();
    dr(b).content[0]!.format!.code = '1.2.3';
    expect(validateFhir(b, 'b.json').findings.find((f) => f.ruleId === 'xdsi.format-code')).toMatchObject({
      reqIds: ['META-053'],
      location: { path: `${DR}.content[0].format` },
    });
  });

  test('invalid JSON is one finding', () => {
    expect(validateFhirJson('{', 'x.json').findings).toMatchObject([{ ruleId: 'metadata.parse.json' }]);
  });
});
