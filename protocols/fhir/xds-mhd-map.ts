// The XDS DocumentEntry <-> MHD DocumentReference attribute mapping (IHE MHD 4.2, ITI TF-3
// 4.5.1 and spec/transactions.md), as ONE table read both ways by toDocumentReference() and
// toDocumentEntry(), and by validators to name the FHIRPath of a missing attribute.
import { DE } from '../ebrim/constants.ts';

export type XdsAttr =
  | 'classCode' | 'typeCode' | 'confidentialityCode' | 'eventCodeList' | 'formatCode'
  | 'healthcareFacilityTypeCode' | 'practiceSettingCode'
  | 'creationTime' | 'languageCode' | 'serviceStartTime' | 'serviceStopTime' | 'hash' | 'size'
  | 'sourcePatientId' | 'referenceIdList' | 'repositoryUniqueId'
  | 'patientId' | 'uniqueId' | 'entryUUID' | 'title' | 'comments' | 'mimeType' | 'author' | 'availabilityStatus' | 'objectType';

export type XdsLocation =
  | { kind: 'classification'; scheme: string }
  | { kind: 'slot'; name: string }
  | { kind: 'externalIdentifier'; scheme: string }
  | { kind: 'attribute'; name: string }
  | { kind: 'name' | 'description' };

/** How an element's value travels in FHIR. */
export type FhirShape = 'CodeableConcept' | 'CodeableConcept[]' | 'Coding' | 'dateTime' | 'code' | 'base64Binary' | 'unsignedInt' | 'string' | 'Identifier' | 'Reference' | 'Identifier[]';

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
  { attr: 'confidentialityCode', xds: { kind: 'classification', scheme: DE.confidentialityCode }, fhir: 'securityLabel', shape: 'CodeableConcept[]', multiple: true },
  { attr: 'eventCodeList', xds: { kind: 'classification', scheme: DE.eventCodeList }, fhir: 'context.event', shape: 'CodeableConcept[]', multiple: true },
  { attr: 'formatCode', xds: { kind: 'classification', scheme: DE.formatCode }, fhir: 'content[0].format', shape: 'Coding' },
  { attr: 'healthcareFacilityTypeCode', xds: { kind: 'classification', scheme: DE.healthcareFacilityTypeCode }, fhir: 'context.facilityType', shape: 'CodeableConcept' },
  { attr: 'practiceSettingCode', xds: { kind: 'classification', scheme: DE.practiceSettingCode }, fhir: 'context.practiceSetting', shape: 'CodeableConcept' },
  { attr: 'creationTime', xds: { kind: 'slot', name: 'creationTime' }, fhir: 'content[0].attachment.creation', shape: 'dateTime' },
  { attr: 'languageCode', xds: { kind: 'slot', name: 'languageCode' }, fhir: 'content[0].attachment.language', shape: 'code' },
  { attr: 'serviceStartTime', xds: { kind: 'slot', name: 'serviceStartTime' }, fhir: 'context.period.start', shape: 'dateTime' },
  { attr: 'serviceStopTime', xds: { kind: 'slot', name: 'serviceStopTime' }, fhir: 'context.period.end', shape: 'dateTime' },
  { attr: 'hash', xds: { kind: 'slot', name: 'hash' }, fhir: 'content[0].attachment.hash', shape: 'base64Binary' },
  { attr: 'size', xds: { kind: 'slot', name: 'size' }, fhir: 'content[0].attachment.size', shape: 'unsignedInt' },
  { attr: 'sourcePatientId', xds: { kind: 'slot', name: 'sourcePatientId' }, fhir: 'context.sourcePatientInfo', shape: 'Reference' },
  { attr: 'referenceIdList', xds: { kind: 'slot', name: 'urn:ihe:iti:xds:2013:referenceIdList' }, fhir: 'context.related', shape: 'Identifier[]', multiple: true },
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
    case 'classification': return `${objectPath}/rim:Classification[@classificationScheme='${x.scheme}']`;
    case 'slot': return `${objectPath}/rim:Slot[@name='${x.name}']`;
    case 'externalIdentifier': return `${objectPath}/rim:ExternalIdentifier[@identificationScheme='${x.scheme}']`;
    case 'attribute': return `${objectPath}/@${x.name}`;
    case 'name': return `${objectPath}/rim:Name`;
    case 'description': return `${objectPath}/rim:Description`;
  }
}

/** FHIRPath of an attribute under a DocumentReference path. */
export function fhirPathFor(resourcePath: string, attr: XdsAttr): string {
  return `${resourcePath}.${mappingFor(attr).fhir}`;
}
