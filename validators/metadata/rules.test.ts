// Every metadata rule: the conformant submission passes clean; one change is flagged at the
// exact XPath. Submissions go through the writer and reader, so paths are real XPaths.
import { describe, expect, test } from 'vitest';
import { conformantSubmission } from '../../fixtures/builders/ebrim-submission.ts';
import { ASSOC, DE, SS, writeProvideAndRegister, type DocumentEntry, type SubmitObjectsRequest } from '../../protocols/ebrim/index.ts';
import { validateEbrimXml } from './validate-ebrim.ts';

const ROL = '/xds:ProvideAndRegisterDocumentSetRequest/lcm:SubmitObjectsRequest/rim:RegistryObjectList';
const DEP = `${ROL}/rim:ExtrinsicObject[@id='Document01']`;
const SSP = `${ROL}/rim:RegistryPackage[@id='SubmissionSet01']`;
const cls = (scheme: string, n?: number) => `${DEP}/rim:Classification[@classificationScheme='${scheme}']${n ? `[${n}]` : ''}`;
const slotP = (name: string, v = 1) => `${DEP}/rim:Slot[@name='${name}']/rim:ValueList/rim:Value[${v}]`;

function run(change?: (s: SubmitObjectsRequest, de: DocumentEntry) => void) {
  const s = conformantSubmission();
  change?.(s, s.objects.documentEntries[0]!);
  return validateEbrimXml(writeProvideAndRegister(s), 'sub.xml').findings;
}
const dropSlot = (de: DocumentEntry, name: string) => { de.slots = de.slots.filter((x) => x.name !== name); };
const setSlot = (de: DocumentEntry, name: string, ...values: string[]) => { de.slots.find((x) => x.name === name)!.values = values; };
const code = (de: DocumentEntry, scheme: string, n = 0) => de.classifications.filter((c) => c.scheme === scheme)[n]!;
const dropCoded = (de: DocumentEntry, scheme: string) => { de.classifications = de.classifications.filter((c) => c.scheme !== scheme); };
const REF = 'urn:ihe:iti:xds:2013:referenceIdList';

const CASES: [string, string, string, (s: SubmitObjectsRequest, de: DocumentEntry) => void][] = [
  ['missing creationTime', 'xds.entry.required', `${DEP}/rim:Slot[@name='creationTime']`, (_, de) => dropSlot(de, 'creationTime')],
  ['two creationTime values', 'xds.entry.cardinality', `${DEP}/rim:Slot[@name='creationTime']`, (_, de) => setSlot(de, 'creationTime', '20240315103000', '20240315103001')],
  ['on-demand object type for a manifest', 'xds.entry.object-type', `${DEP}/@objectType`, (_, de) => { de.objectType = 'urn:uuid:34268e47-fdf5-41a6-ba33-82133c465248'; }],
  ['a code without codingScheme', 'xds.coded.well-formed', cls(DE.typeCode), (_, de) => { code(de, DE.typeCode).slots = []; }],
  ['a uniqueId that is no OID', 'xds.identifiers.syntax', `${DEP}/rim:ExternalIdentifier[@identificationScheme='${DE.uniqueId}']`, (_, de) => { de.externalIdentifiers.find((x) => x.scheme === DE.uniqueId)!.value = '1.02.3'; }],
  ['a patientId without ISO authority', 'xds.patient-id.cx', `${DEP}/rim:ExternalIdentifier[@identificationScheme='${DE.patientId}']`, (_, de) => { de.externalIdentifiers.find((x) => x.scheme === DE.patientId)!.value = 'PAT-0001^^^&1.2.3.4.5.6.2&DNS'; }],
  ['a DTM with a dash', 'xds.dtm.syntax', slotP('creationTime'), (_, de) => setSlot(de, 'creationTime', '2024-03-15')],
  ['a hash that does not match the bytes', 'xds.hash-size', slotP('hash'), (_, de) => setSlot(de, 'hash', '0'.repeat(40))],
  ['a SubmissionSet without sourceId', 'xds.submission-set.required', `${SSP}/rim:ExternalIdentifier[@identificationScheme='${SS.sourceId}']`, (s) => { const ss = s.objects.submissionSets[0]!; ss.externalIdentifiers = ss.externalIdentifiers.filter((x) => x.scheme !== SS.sourceId); }],
  ['SubmissionSetStatus Reference', 'xds.association.has-member', `${ROL}/rim:Association[@id='as1']/rim:Slot[@name='SubmissionSetStatus']`, (s) => { s.objects.associations[0]!.slots[0]!.values = ['Reference']; }],
  ['a Document without metadata', 'xds.documents.match', '/xds:ProvideAndRegisterDocumentSetRequest/xds:Document[2]', (s) => { s.documents!.push({ id: 'Stray', content: new Uint8Array(1), path: '' }); }],
  ['a CXi with an unknown type', 'xds.reference-id.syntax', slotP(REF, 3), (_, de) => setSlot(de, REF, ...de.slots.find((x) => x.name === REF)!.values.slice(0, 2), 'ORD-77^^^&1.2.3.4.5.6.3&ISO^urn:example:order')],
  ['formatCode of a PDF', 'xdsi.format-code', cls(DE.formatCode), (_, de) => { code(de, DE.formatCode).nodeRepresentation = 'urn:ihe:iti:xds:2017:mimeTypeSufficient'; de.mimeType = 'application/dicom'; }],
  ['mimeType text/xml on a KOS', 'xdsi.mime-type', `${DEP}/@mimeType`, (_, de) => { de.mimeType = 'text/xml'; }],
  ['no modality event code', 'xdsi.event.modality', cls(DE.eventCodeList), (_, de) => { de.classifications = de.classifications.filter((c) => c.nodeRepresentation !== 'CT'); }],
  ['KO as study modality', 'xdsi.event.modality', cls(DE.eventCodeList, 1), (_, de) => { code(de, DE.eventCodeList).nodeRepresentation = 'KO'; }],
  ['a region outside the value set', 'xdsi.event.region', cls(DE.eventCodeList), (_, de) => { de.classifications = de.classifications.filter((c) => c.nodeRepresentation !== '67734004'); }],
  ['a procedure code without display', 'xdsi.event.procedure', cls(DE.eventCodeList, 3), (_, de) => { delete code(de, DE.eventCodeList, 2).name; }],
  ['no study UID in referenceIdList', 'xdsi.reference-id.study', `${DEP}/rim:Slot[@name='${REF}']`, (_, de) => setSlot(de, REF, ...de.slots.find((x) => x.name === REF)!.values.slice(1))],
  ['an accession without issuer', 'xdsi.reference-id.accession', slotP(REF, 2), (_, de) => { const s = de.slots.find((x) => x.name === REF)!; s.values[1] = 'ACC-0042^^^^urn:ihe:iti:xds:2013:accession'; }],
  ['an order without issuer', 'xdsi.reference-id.order', slotP(REF, 3), (_, de) => { const s = de.slots.find((x) => x.name === REF)!; s.values[2] = 'ORD-77^^^^urn:ihe:iti:xds:2013:order'; }],
  ['classCode outside the value set', 'mcwg.class-code', cls(DE.classCode), (_, de) => { code(de, DE.classCode).nodeRepresentation = 'other'; }],
  ['typeCode outside the value set', 'mcwg.type-code', cls(DE.typeCode), (_, de) => { code(de, DE.typeCode).nodeRepresentation = '11111-1'; }],
  ['practiceSettingCode outside the value set', 'mcwg.practice-setting', cls(DE.practiceSettingCode), (_, de) => { code(de, DE.practiceSettingCode).nodeRepresentation = '1'; }],
  ['facility type from the wrong scheme', 'mcwg.facility-type', cls(DE.healthcareFacilityTypeCode), (_, de) => { code(de, DE.healthcareFacilityTypeCode).slots[0]!.values = ['2.16.840.1.113883.6.1']; }],
  ['confidentiality outside HL7 v3', 'mcwg.confidentiality', cls(DE.confidentialityCode), (_, de) => { code(de, DE.confidentialityCode).nodeRepresentation = 'X'; }],
  ['no serviceStartTime', 'mcwg.service-start-time', `${DEP}/rim:Slot[@name='serviceStartTime']`, (_, de) => dropSlot(de, 'serviceStartTime')],
  ['a generic title', 'mcwg.title.summary', `${DEP}/rim:Name/rim:LocalizedString/@value`, (_, de) => { de.name = { value: 'Manifest', path: '' }; }],
];

describe('metadata rules', () => {
  test('the conformant submission passes every rule clean', () => {
    expect(run().filter((f) => f.severity !== 'info')).toEqual([]);
  });

  test.each(CASES)('flags %s', (_title, ruleId, path, change) => {
    const findings = run(change);
    expect(findings.filter((f) => f.ruleId === ruleId).map((f) => f.location.path)).toContain(path);
  });

  test('report entries must list study and accession', () => {
    const findings = run((_, de) => { de.mimeType = 'application/pdf'; dropCoded(de, DE.formatCode); de.classifications.push({ ...code(conformantSubmission().objects.documentEntries[0]!, DE.formatCode), nodeRepresentation: 'urn:ihe:iti:xds:2017:mimeTypeSufficient', slots: [{ name: 'codingScheme', values: ['1.3.6.1.4.1.19376.1.2.3'], path: '' }] }); setSlot(de, REF, 'X^^^^urn:ihe:iti:xds:2013:order'); });
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
      s.objects.associations.push({ kind: 'Association', id: 'as2', type: ASSOC.hasMember, source: 'SubmissionSet01', target: 'Report01', slots: [{ name: 'SubmissionSetStatus', values: ['Original'], path: '' }], path: '' });
    });
    expect(findings.filter((f) => f.ruleId === 'link.same-patient').map((f) => f.location.path)).toEqual([`${ROL}/rim:ExtrinsicObject[@id='Report01']/rim:ExternalIdentifier[@identificationScheme='${DE.patientId}']`]);
  });

  test('unreadable XML is one finding, not a throw', () => {
    expect(validateEbrimXml('<!DOCTYPE x [<!ENTITY a "b">]><x/>', 'bad.xml').findings).toMatchObject([{ ruleId: 'metadata.parse.doctype', severity: 'error' }]);
  });
});
