// The XDS <-> MHD attribute mapping (IHE MHD 4.2, ITI TF-3 4.5.1 and spec/transactions.md),
// as ONE table read both ways: DocumentEntry <-> DocumentReference rows (XDS_MHD_MAP, read by
// toDocumentReference() and toDocumentEntry()), SubmissionSet <-> List rows
// (SUBMISSION_SET_LIST_MAP, read by toList() and toSubmissionSet()), and the Association <->
// relatesTo codes. Validators read it to name the FHIRPath of a missing attribute.
import { ASSOC, DE, SS } from '../ebrim/constants.ts';

export const MHD_SD = 'https://profiles.ihe.net/ITI/MHD/StructureDefinition';
export const MHD_LIST_TYPES = 'https://profiles.ihe.net/ITI/MHD/CodeSystem/MHDlistTypes';
/** MHD List extensions carrying SubmissionSet attributes that List has no element for. */
export const MHD_EXT = { sourceId: `${MHD_SD}/ihe-sourceId`, designationType: `${MHD_SD}/ihe-designationType` } as const;

export type XdsAttr =
  | 'classCode'
  | 'typeCode'
  | 'confidentialityCode'
  | 'eventCodeList'
  | 'formatCode'
  | 'healthcareFacilityTypeCode'
  | 'practiceSettingCode'
  | 'creationTime'
  | 'languageCode'
  | 'serviceStartTime'
  | 'serviceStopTime'
  | 'hash'
  | 'size'
  | 'sourcePatientId'
  | 'referenceIdList'
  | 'repositoryUniqueId'
  | 'patientId'
  | 'uniqueId'
  | 'entryUUID'
  | 'title'
  | 'comments'
  | 'mimeType'
  | 'author'
  | 'availabilityStatus'
  | 'objectType';

export type XdsLocation =
  | { kind: 'classification'; scheme: string }
  | { kind: 'slot'; name: string }
  | { kind: 'externalIdentifier'; scheme: string }
  | { kind: 'attribute'; name: string }
  | { kind: 'name' | 'description' };

/** How an element's value travels in FHIR. */
export type FhirShape =
  | 'CodeableConcept'
  | 'CodeableConcept[]'
  | 'Coding'
  | 'dateTime'
  | 'code'
  | 'base64Binary'
  | 'unsignedInt'
  | 'string'
  | 'Identifier'
  | 'Reference'
  | 'Identifier[]';

export interface MappingRow {
  attr: XdsAttr;
  xds: XdsLocation;
  /** FHIRPath relative to DocumentReference. */
  fhir: string;
  shape: FhirShape;
  /** XDS holds several values (eventCodeList, referenceIdList). */
  multiple?: boolean;
}

export const XDS_MHD_MAP: readonly MappingRow[] = [
  { attr: 'classCode', xds: { kind: 'classification', scheme: DE.classCode }, fhir: 'category', shape: 'CodeableConcept[]' },
  { attr: 'typeCode', xds: { kind: 'classification', scheme: DE.typeCode }, fhir: 'type', shape: 'CodeableConcept' },
  {
    attr: 'confidentialityCode',
    xds: { kind: 'classification', scheme: DE.confidentialityCode },
    fhir: 'securityLabel',
    shape: 'CodeableConcept[]',
    multiple: true,
  },
  {
    attr: 'eventCodeList',
    xds: { kind: 'classification', scheme: DE.eventCodeList },
    fhir: 'context.event',
    shape: 'CodeableConcept[]',
    multiple: true,
  },
  { attr: 'formatCode', xds: { kind: 'classification', scheme: DE.formatCode }, fhir: 'content[0].format', shape: 'Coding' },
  {
    attr: 'healthcareFacilityTypeCode',
    xds: { kind: 'classification', scheme: DE.healthcareFacilityTypeCode },
    fhir: 'context.facilityType',
    shape: 'CodeableConcept',
  },
  {
    attr: 'practiceSettingCode',
    xds: { kind: 'classification', scheme: DE.practiceSettingCode },
    fhir: 'context.practiceSetting',
    shape: 'CodeableConcept',
  },
  { attr: 'creationTime', xds: { kind: 'slot', name: 'creationTime' }, fhir: 'content[0].attachment.creation', shape: 'dateTime' },
  { attr: 'languageCode', xds: { kind: 'slot', name: 'languageCode' }, fhir: 'content[0].attachment.language', shape: 'code' },
  { attr: 'serviceStartTime', xds: { kind: 'slot', name: 'serviceStartTime' }, fhir: 'context.period.start', shape: 'dateTime' },
  { attr: 'serviceStopTime', xds: { kind: 'slot', name: 'serviceStopTime' }, fhir: 'context.period.end', shape: 'dateTime' },
  { attr: 'hash', xds: { kind: 'slot', name: 'hash' }, fhir: 'content[0].attachment.hash', shape: 'base64Binary' },
  { attr: 'size', xds: { kind: 'slot', name: 'size' }, fhir: 'content[0].attachment.size', shape: 'unsignedInt' },
  { attr: 'sourcePatientId', xds: { kind: 'slot', name: 'sourcePatientId' }, fhir: 'context.sourcePatientInfo', shape: 'Reference' },
  {
    attr: 'referenceIdList',
    xds: { kind: 'slot', name: 'urn:ihe:iti:xds:2013:referenceIdList' },
    fhir: 'context.related',
    shape: 'Identifier[]',
    multiple: true,
  },
  { attr: 'repositoryUniqueId', xds: { kind: 'slot', name: 'repositoryUniqueId' }, fhir: 'content[0].attachment.url', shape: 'string' },
  { attr: 'patientId', xds: { kind: 'externalIdentifier', scheme: DE.patientId }, fhir: 'subject', shape: 'Reference' },
  { attr: 'uniqueId', xds: { kind: 'externalIdentifier', scheme: DE.uniqueId }, fhir: 'masterIdentifier', shape: 'Identifier' },
  { attr: 'entryUUID', xds: { kind: 'attribute', name: 'id' }, fhir: 'identifier', shape: 'Identifier[]' },
  { attr: 'title', xds: { kind: 'name' }, fhir: 'content[0].attachment.title', shape: 'string' },
  { attr: 'comments', xds: { kind: 'description' }, fhir: 'description', shape: 'string' },
  { attr: 'mimeType', xds: { kind: 'attribute', name: 'mimeType' }, fhir: 'content[0].attachment.contentType', shape: 'code' },
  { attr: 'author', xds: { kind: 'classification', scheme: DE.author }, fhir: 'author', shape: 'Reference' },
  { attr: 'availabilityStatus', xds: { kind: 'attribute', name: 'status' }, fhir: 'status', shape: 'code' },
  { attr: 'objectType', xds: { kind: 'attribute', name: 'objectType' }, fhir: 'meta.profile', shape: 'string' },
];

const BY_ATTR = new Map(XDS_MHD_MAP.map((r) => [r.attr, r]));

export function mappingFor(attr: XdsAttr): MappingRow {
  return BY_ATTR.get(attr)!;
}

/** XPath of an attribute under a RegistryObject path, present or not. */
export function xpathFor(objectPath: string, attr: XdsAttr): string {
  const x = mappingFor(attr).xds;
  switch (x.kind) {
    case 'classification':
      return `${objectPath}/rim:Classification[@classificationScheme='${x.scheme}']`;
    case 'slot':
      return `${objectPath}/rim:Slot[@name='${x.name}']`;
    case 'externalIdentifier':
      return `${objectPath}/rim:ExternalIdentifier[@identificationScheme='${x.scheme}']`;
    case 'attribute':
      return `${objectPath}/@${x.name}`;
    case 'name':
      return `${objectPath}/rim:Name`;
    case 'description':
      return `${objectPath}/rim:Description`;
  }
}

/** FHIRPath of an attribute under a DocumentReference path. */
export function fhirPathFor(resourcePath: string, attr: XdsAttr): string {
  return `${resourcePath}.${mappingFor(attr).fhir}`;
}

export type SubmissionSetAttr =
  | 'uniqueId'
  | 'entryUUID'
  | 'sourceId'
  | 'patientId'
  | 'submissionTime'
  | 'contentTypeCode'
  | 'title'
  | 'comments'
  | 'availabilityStatus';

export interface ListMappingRow {
  attr: SubmissionSetAttr;
  xds: XdsLocation;
  /** FHIRPath relative to the SubmissionSet List. */
  fhir: string;
  shape: FhirShape;
}

/** XDS SubmissionSet <-> MHD SubmissionSet List (MHD 4.2, ITI TF-3 4.5.1.2). */
export const SUBMISSION_SET_LIST_MAP: readonly ListMappingRow[] = [
  {
    attr: 'uniqueId',
    xds: { kind: 'externalIdentifier', scheme: SS.uniqueId },
    fhir: "identifier.where(use='usual')",
    shape: 'Identifier',
  },
  { attr: 'entryUUID', xds: { kind: 'attribute', name: 'id' }, fhir: "identifier.where(use='official')", shape: 'Identifier' },
  {
    attr: 'sourceId',
    xds: { kind: 'externalIdentifier', scheme: SS.sourceId },
    fhir: `extension('${MHD_EXT.sourceId}').valueIdentifier`,
    shape: 'Identifier',
  },
  { attr: 'patientId', xds: { kind: 'externalIdentifier', scheme: SS.patientId }, fhir: 'subject', shape: 'Reference' },
  { attr: 'submissionTime', xds: { kind: 'slot', name: 'submissionTime' }, fhir: 'date', shape: 'dateTime' },
  {
    attr: 'contentTypeCode',
    xds: { kind: 'classification', scheme: SS.contentTypeCode },
    fhir: `extension('${MHD_EXT.designationType}').valueCodeableConcept`,
    shape: 'CodeableConcept',
  },
  { attr: 'title', xds: { kind: 'name' }, fhir: 'title', shape: 'string' },
  { attr: 'comments', xds: { kind: 'description' }, fhir: 'note.text', shape: 'string' },
  { attr: 'availabilityStatus', xds: { kind: 'attribute', name: 'status' }, fhir: 'status', shape: 'code' },
];

/** FHIRPath of a SubmissionSet attribute under a List path. */
export function listPathFor(resourcePath: string, attr: SubmissionSetAttr): string {
  return `${resourcePath}.${SUBMISSION_SET_LIST_MAP.find((r) => r.attr === attr)!.fhir}`;
}

/** Association type -> DocumentReference.relatesTo.code (ITI TF-3 4.5.1.1). */
export const RELATES_TO_OF_ASSOC: Readonly<Record<string, 'replaces' | 'transforms' | 'appends' | 'signs'>> = {
  [ASSOC.rplc]: 'replaces',
  [ASSOC.xfrmRplc]: 'replaces',
  [ASSOC.xfrm]: 'transforms',
  [ASSOC.apnd]: 'appends',
  [ASSOC.signs]: 'signs',
};

/** relatesTo.code -> Association type; 'replaces' reads back as RPLC (XFRM_RPLC has no code of its own). */
export const ASSOC_OF_RELATES_TO: Readonly<Record<string, string>> = {
  replaces: ASSOC.rplc,
  transforms: ASSOC.xfrm,
  appends: ASSOC.apnd,
  signs: ASSOC.signs,
};
