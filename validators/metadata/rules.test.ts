// Every metadata rule: the conformant submission passes clean; one change is flagged at the
// exact XPath. Submissions go through the writer and reader, so paths are real XPaths.
import { describe, expect, test } from 'vitest';
import { conformantSubmission } from '../../fixtures/builders/ebrim-submission.ts';
import { ASSOC, DE, writeProvideAndRegister, type DocumentEntry, type SubmitObjectsRequest } from '../../protocols/ebrim/index.ts';
import { METADATA_CASES, DEP, REF, ROL, code, dropCoded, setSlot, slotP } from './broken-cases.ts';
import { validateEbrimXml } from './validate-ebrim.ts';

function run(change?: (s: SubmitObjectsRequest, de: DocumentEntry) => void) {
  const s = conformantSubmission();
  change?.(s, s.objects.documentEntries[0]!);
  return validateEbrimXml(writeProvideAndRegister(s), 'sub.xml').findings;
}
describe('metadata rules', () => {
  test('the conformant submission passes every rule clean', () => {
    expect(run().filter((f) => f.severity !== 'info')).toEqual([]);
  });

  test.each(METADATA_CASES)('flags $name', ({ ruleId, path, change }) => {
    const findings = run(change);
    expect(findings.filter((f) => f.ruleId === ruleId).map((f) => f.location.path)).toContain(path);
  });

  test('report entries must list study and accession', () => {
    const findings = run((_, de) => {
      de.mimeType = 'application/pdf';
      dropCoded(de, DE.formatCode);
      de.classifications.push({
        ...code(conformantSubmission().objects.documentEntries[0]!, DE.formatCode),
        nodeRepresentation: 'urn:ihe:iti:xds:2017:mimeTypeSufficient',
        slots: [{ name: 'codingScheme', values: ['1.3.6.1.4.1.19376.1.2.3'], path: '' }],
      });
      setSlot(de, REF, 'X^^^^urn:ihe:iti:xds:2013:order');
    });
    expect(findings.filter((f) => f.ruleId.startsWith('link.report')).map((f) => [f.ruleId, f.location.path])).toEqual([
      ['link.report.study', `${DEP}/rim:Slot[@name='${REF}']`],
      ['link.report.accession', `${DEP}/rim:Slot[@name='${REF}']`],
      ['link.report.accession', slotP(REF, 1)],
    ]);
  });

  test('a report for the same study with another patient is flagged', () => {
    const findings = run((s) => {
      const d2 = structuredClone(s.objects.documentEntries[0]!);
      d2.id = 'Report01';
      d2.externalIdentifiers.find((x) => x.scheme === DE.patientId)!.value = 'OTHER^^^&1.2.3.4.5.6.2&ISO';
      s.objects.documentEntries.push(d2);
      s.objects.associations.push({
        kind: 'Association',
        id: 'as2',
        type: ASSOC.hasMember,
        source: 'SubmissionSet01',
        target: 'Report01',
        slots: [{ name: 'SubmissionSetStatus', values: ['Original'], path: '' }],
        path: '',
      });
    });
    expect(findings.filter((f) => f.ruleId === 'link.same-patient').map((f) => f.location.path)).toEqual([
      `${ROL}/rim:ExtrinsicObject[@id='Report01']/rim:ExternalIdentifier[@identificationScheme='${DE.patientId}']`,
    ]);
  });

  test('unreadable XML is one finding, not a throw', () => {
    expect(validateEbrimXml('<!DOCTYPE x [<!ENTITY a "b">]><x/>', 'bad.xml').findings).toMatchObject([
      { ruleId: 'metadata.parse.doctype', severity: 'error' },
    ]);
  });
});
