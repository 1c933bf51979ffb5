// One-change broken variants of the conformant XDS / XDS-I.b submission (fixtures/builders/
// ebrim-submission.ts), one or more per metadata rule, as data: validators/metadata/rules.test.ts
// runs each through the writer, reader and rules and checks the rule flags it at the exact
// XPath; the coverage table (npm run docs) lists them without running anything.
import { ASSOC, DE, SS, type DocumentEntry, type SubmitObjectsRequest } from '../../protocols/ebrim/index.ts';

export interface MetadataCase {
  name: string;
  /** The rule that must flag the change, at `path`. */
  ruleId: string;
  path: string;
  change: (s: SubmitObjectsRequest, de: DocumentEntry) => void;
}

export const ROL = '/xds:ProvideAndRegisterDocumentSetRequest/lcm:SubmitObjectsRequest/rim:RegistryObjectList';
export const DEP = `${ROL}/rim:ExtrinsicObject[@id='Document01']`;
export const SSP = `${ROL}/rim:RegistryPackage[@id='SubmissionSet01']`;
const cls = (scheme: string, n?: number) => `${DEP}/rim:Classification[@classificationScheme='${scheme}']${n ? `[${n}]` : ''}`;
export const slotP = (name: string, v = 1) => `${DEP}/rim:Slot[@name='${name}']/rim:ValueList/rim:Value[${v}]`;

export const dropSlot = (de: DocumentEntry, name: string) => {
  de.slots = de.slots.filter((x) => x.name !== name);
};
export const setSlot = (de: DocumentEntry, name: string, ...values: string[]) => {
  de.slots.find((x) => x.name === name)!.values = values;
};
export const code = (de: DocumentEntry, scheme: string, n = 0) => de.classifications.filter((c) => c.scheme === scheme)[n]!;
export const dropCoded = (de: DocumentEntry, scheme: string) => {
  de.classifications = de.classifications.filter((c) => c.scheme !== scheme);
};
export const REF = 'urn:ihe:iti:xds:2013:referenceIdList';

export const METADATA_CASES: readonly MetadataCase[] = [
  {
    name: 'missing creationTime',
    ruleId: 'xds.entry.required',
    path: `${DEP}/rim:Slot[@name='creationTime']`,
    change: (_, de) => dropSlot(de, 'creationTime'),
  },
  {
    name: 'two creationTime values',
    ruleId: 'xds.entry.cardinality',
    path: `${DEP}/rim:Slot[@name='creationTime']`,
    change: (_, de) => setSlot(de, 'creationTime', '20240315103000', '20240315103001'),
  },
  {
    name: 'on-demand object type for a manifest',
    ruleId: 'xds.entry.object-type',
    path: `${DEP}/@objectType`,
    change: (_, de) => {
      de.objectType = 'urn:uuid:34268e47-fdf5-41a6-ba33-82133c465248';
    },
  },
  {
    name: 'a code without codingScheme',
    ruleId: 'xds.coded.well-formed',
    path: cls(DE.typeCode),
    change: (_, de) => {
      code(de, DE.typeCode).slots = [];
    },
  },
  {
    name: 'a uniqueId that is no OID',
    ruleId: 'xds.identifiers.syntax',
    path: `${DEP}/rim:ExternalIdentifier[@identificationScheme='${DE.uniqueId}']`,
    change: (_, de) => {
      de.externalIdentifiers.find((x) => x.scheme === DE.uniqueId)!.value = '1.02.3';
    },
  },
  {
    name: 'a patientId without ISO authority',
    ruleId: 'xds.patient-id.cx',
    path: `${DEP}/rim:ExternalIdentifier[@identificationScheme='${DE.patientId}']`,
    change: (_, de) => {
      de.externalIdentifiers.find((x) => x.scheme === DE.patientId)!.value = 'PAT-0001^^^&1.2.3.4.5.6.2&DNS';
    },
  },
  {
    name: 'a DTM with a dash',
    ruleId: 'xds.dtm.syntax',
    path: slotP('creationTime'),
    change: (_, de) => setSlot(de, 'creationTime', '2024-03-15'),
  },
  {
    name: 'a hash that does not match the bytes',
    ruleId: 'xds.hash-size',
    path: slotP('hash'),
    change: (_, de) => setSlot(de, 'hash', '0'.repeat(40)),
  },
  {
    name: 'a SubmissionSet without sourceId',
    ruleId: 'xds.submission-set.required',
    path: `${SSP}/rim:ExternalIdentifier[@identificationScheme='${SS.sourceId}']`,
    change: (s) => {
      const ss = s.objects.submissionSets[0]!;
      ss.externalIdentifiers = ss.externalIdentifiers.filter((x) => x.scheme !== SS.sourceId);
    },
  },
  {
    name: 'SubmissionSetStatus Reference',
    ruleId: 'xds.association.has-member',
    path: `${ROL}/rim:Association[@id='as1']/rim:Slot[@name='SubmissionSetStatus']`,
    change: (s) => {
      s.objects.associations[0]!.slots[0]!.values = ['Reference'];
    },
  },
  {
    name: 'a Document without metadata',
    ruleId: 'xds.documents.match',
    path: '/xds:ProvideAndRegisterDocumentSetRequest/xds:Document[2]',
    change: (s) => {
      s.documents!.push({ id: 'Stray', content: new Uint8Array(1), path: '' });
    },
  },
  {
    name: 'a CXi with an unknown type',
    ruleId: 'xds.reference-id.syntax',
    path: slotP(REF, 3),
    change: (_, de) =>
      setSlot(de, REF, ...de.slots.find((x) => x.name === REF)!.values.slice(0, 2), 'ORD-77^^^&1.2.3.4.5.6.3&ISO^urn:example:order'),
  },
  {
    name: 'formatCode of a PDF',
    ruleId: 'xdsi.format-code',
    path: cls(DE.formatCode),
    change: (_, de) => {
      code(de, DE.formatCode).nodeRepresentation = 'urn:ihe:iti:xds:2017:mimeTypeSufficient';
      de.mimeType = 'application/dicom';
    },
  },
  {
    name: 'mimeType text/xml on a KOS',
    ruleId: 'xdsi.mime-type',
    path: `${DEP}/@mimeType`,
    change: (_, de) => {
      de.mimeType = 'text/xml';
    },
  },
  {
    name: 'no modality event code',
    ruleId: 'xdsi.event.modality',
    path: cls(DE.eventCodeList),
    change: (_, de) => {
      de.classifications = de.classifications.filter((c) => c.nodeRepresentation !== 'CT');
    },
  },
  {
    name: 'KO as study modality',
    ruleId: 'xdsi.event.modality',
    path: cls(DE.eventCodeList, 1),
    change: (_, de) => {
      code(de, DE.eventCodeList).nodeRepresentation = 'KO';
    },
  },
  {
    name: 'a region outside the value set',
    ruleId: 'xdsi.event.region',
    path: cls(DE.eventCodeList),
    change: (_, de) => {
      de.classifications = de.classifications.filter((c) => c.nodeRepresentation !== '67734004');
    },
  },
  {
    name: 'a procedure code without display',
    ruleId: 'xdsi.event.procedure',
    path: cls(DE.eventCodeList, 3),
    change: (_, de) => {
      delete code(de, DE.eventCodeList, 2).name;
    },
  },
  {
    name: 'no study UID in referenceIdList',
    ruleId: 'xdsi.reference-id.study',
    path: `${DEP}/rim:Slot[@name='${REF}']`,
    change: (_, de) => setSlot(de, REF, ...de.slots.find((x) => x.name === REF)!.values.slice(1)),
  },
  {
    name: 'an accession without issuer',
    ruleId: 'xdsi.reference-id.accession',
    path: slotP(REF, 2),
    change: (_, de) => {
      const s = de.slots.find((x) => x.name === REF)!;
      s.values[1] = 'ACC-0042^^^^urn:ihe:iti:xds:2013:accession';
    },
  },
  {
    name: 'an order without issuer',
    ruleId: 'xdsi.reference-id.order',
    path: slotP(REF, 3),
    change: (_, de) => {
      const s = de.slots.find((x) => x.name === REF)!;
      s.values[2] = 'ORD-77^^^^urn:ihe:iti:xds:2013:order';
    },
  },
  {
    name: 'classCode outside the value set',
    ruleId: 'mcwg.class-code',
    path: cls(DE.classCode),
    change: (_, de) => {
      code(de, DE.classCode).nodeRepresentation = 'other';
    },
  },
  {
    name: 'typeCode outside the value set',
    ruleId: 'mcwg.type-code',
    path: cls(DE.typeCode),
    change: (_, de) => {
      code(de, DE.typeCode).nodeRepresentation = '11111-1';
    },
  },
  {
    name: 'practiceSettingCode outside the value set',
    ruleId: 'mcwg.practice-setting',
    path: cls(DE.practiceSettingCode),
    change: (_, de) => {
      code(de, DE.practiceSettingCode).nodeRepresentation = '1';
    },
  },
  {
    name: 'facility type from the wrong scheme',
    ruleId: 'mcwg.facility-type',
    path: cls(DE.healthcareFacilityTypeCode),
    change: (_, de) => {
      code(de, DE.healthcareFacilityTypeCode).slots[0]!.values = ['2.16.840.1.113883.6.1'];
    },
  },
  {
    name: 'confidentiality outside HL7 v3',
    ruleId: 'mcwg.confidentiality',
    path: cls(DE.confidentialityCode),
    change: (_, de) => {
      code(de, DE.confidentialityCode).nodeRepresentation = 'X';
    },
  },
  {
    name: 'no serviceStartTime',
    ruleId: 'mcwg.service-start-time',
    path: `${DEP}/rim:Slot[@name='serviceStartTime']`,
    change: (_, de) => dropSlot(de, 'serviceStartTime'),
  },
  {
    name: 'a generic title',
    ruleId: 'mcwg.title.summary',
    path: `${DEP}/rim:Name/rim:LocalizedString/@value`,
    change: (_, de) => {
      de.name = { value: 'Manifest', path: '' };
    },
  },
  // Report entries (a PDF, not a manifest) and a second entry: the link.* rules of the same run.
  {
    name: 'a report entry without study UID',
    ruleId: 'link.report.study',
    path: `${DEP}/rim:Slot[@name='${REF}']`,
    change: (_, de) => asReportReferencing(de, 'X^^^^urn:ihe:iti:xds:2013:order'),
  },
  {
    name: 'a report entry without accession',
    ruleId: 'link.report.accession',
    path: `${DEP}/rim:Slot[@name='${REF}']`,
    change: (_, de) => asReportReferencing(de, 'X^^^^urn:ihe:iti:xds:2013:order'),
  },
  {
    name: 'a report for the same study with another patient',
    ruleId: 'link.same-patient',
    path: `${ROL}/rim:ExtrinsicObject[@id='Report01']/rim:ExternalIdentifier[@identificationScheme='${DE.patientId}']`,
    change: (s) => addEntryForOtherPatient(s),
  },
];

/** The KOS entry turned into a PDF report entry whose referenceIdList holds only `refs`. */
function asReportReferencing(de: DocumentEntry, ...refs: string[]): void {
  de.mimeType = 'application/pdf';
  const format = code(de, DE.formatCode);
  dropCoded(de, DE.formatCode);
  de.classifications.push({
    ...format,
    nodeRepresentation: 'urn:ihe:iti:xds:2017:mimeTypeSufficient',
    slots: [{ name: 'codingScheme', values: ['1.3.6.1.4.1.19376.1.2.3'], path: '' }],
  });
  setSlot(de, REF, ...refs);
}

/** A second entry of the same study, for another patient, in the same submission set. */
function addEntryForOtherPatient(s: SubmitObjectsRequest): void {
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
}
