// MHD rules and the XDS rules through the mapping: the conformant ITI-65 Bundle passes clean;
// one change is flagged at the exact FHIRPath.
import type { Bundle, DocumentReference } from 'fhir/r4.js';
import { describe, expect, test } from 'vitest';
import { conformantProvideBundle } from '../../../fixtures/builders/mhd-bundle.ts';
import { validateFhir, validateFhirJson } from '../validate-fhir.ts';

const DR = 'Bundle.entry[1].resource';
const dr = (b: Bundle) => b.entry![1]!.resource as DocumentReference;

const CASES: [string, string, string, (b: Bundle) => void][] = [
  ['a batch Bundle', 'mhd.bundle.profile', 'Bundle.type', (b) => { b.type = 'batch'; }],
  ['no MHD profile', 'mhd.bundle.profile', 'Bundle.meta.profile', (b) => { b.meta = {}; }],
  ['an attachment.url to nowhere', 'mhd.bundle.content', `${DR}.content[0].attachment.url`, (b) => { dr(b).content[0]!.attachment.url = 'urn:uuid:nowhere'; }],
  ['a wrong attachment.size', 'mhd.bundle.hash-size', `${DR}.content[0].attachment.size`, (b) => { dr(b).content[0]!.attachment.size = 1; }],
  ['a missing subject', 'mhd.subject', `${DR}.subject`, (b) => { delete dr(b).subject; }],
  ['a masterIdentifier without urn:oid:', 'mhd.master-identifier', `${DR}.masterIdentifier`, (b) => { dr(b).masterIdentifier!.value = '1.2.3'; }],
  ['a modality coded with the DCM OID', 'mhd.event.systems', `${DR}.context.event[0].coding[0].system`, (b) => { dr(b).context!.event![0]!.coding![0]!.system = 'urn:oid:1.2.840.10008.2.16.4'; }],
  ['an untyped accession', 'mhd.related.typing', `${DR}.context.related[1].identifier.type`, (b) => { delete dr(b).context!.related![1]!.identifier!.type; }],
  ['a text/xml KOS', 'xdsi.mime-type', `${DR}.content[0].attachment.contentType`, (b) => { dr(b).content[0]!.attachment.contentType = 'text/xml'; (b.entry![2]!.resource as unknown as { contentType: string }).contentType = 'text/xml'; }],
  ['a category outside the value set', 'mcwg.class-code', `${DR}.category[0].coding[0]`, (b) => { dr(b).category![0]!.coding![0]!.code = 'other'; }],
  ['no region', 'xdsi.event.region', `${DR}.context.event`, (b) => { dr(b).context!.event!.splice(1, 1); }],
  ['a wrongly typed status', 'mhd.r4-schema', `${DR}.status`, (b) => { (dr(b) as unknown as { status: number }).status = 3; }],
];

describe('MHD validation', () => {
  test('the conformant ITI-65 Bundle passes clean', () => {
    expect(validateFhir(conformantProvideBundle(), 'b.json').findings.filter((f) => f.severity !== 'info')).toEqual([]);
  });

  test.each(CASES)('flags %s', (_t, ruleId, path, change) => {
    const b = conformantProvideBundle();
    change(b);
    const found = validateFhir(b, 'b.json').findings.filter((f) => f.ruleId === ruleId);
    expect(found.map((f) => f.location.path)).toContain(path);
  });

  test('XDS findings on a DocumentReference cite the MHD requirement', () => {
    const b = conformantProvideBundle();
    dr(b).content[0]!.format!.code = '1.2.3';
    expect(validateFhir(b, 'b.json').findings.find((f) => f.ruleId === 'xdsi.format-code')).toMatchObject({ reqIds: ['META-053'], location: { path: `${DR}.content[0].format` } });
  });

  test('invalid JSON is one finding', () => {
    expect(validateFhirJson('{', 'x.json').findings).toMatchObject([{ ruleId: 'metadata.parse.json' }]);
  });
});
