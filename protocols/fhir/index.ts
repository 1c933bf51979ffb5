// MHD on FHIR R4: the XDS <-> MHD mapping (one table, both directions), value conversions,
// R4 JSON-schema validation.
export {
  XDS_MHD_MAP,
  mappingFor,
  xpathFor,
  fhirPathFor,
  type XdsAttr,
  type MappingRow,
  SUBMISSION_SET_LIST_MAP,
  listPathFor,
  type SubmissionSetAttr,
  type ListMappingRow,
  RELATES_TO_OF_ASSOC,
  ASSOC_OF_RELATES_TO,
  MHD_SD,
  MHD_LIST_TYPES,
  MHD_EXT,
} from './xds-mhd-map.ts';
export { toDocumentReference } from './to-document-reference.ts';
export { toDocumentEntry, type ToEntryOptions } from './to-document-entry.ts';
export { toList } from './to-list.ts';
export { toSubmissionSet } from './to-submission-set.ts';
export { OID_SYSTEMS, tableFromSchemes, dtmToDateTime, dateTimeToDtm, hexToBase64, base64ToHex, type SystemTable } from './values.ts';
export { cxToIdentifier, cxiToIdentifier, identifierToCx, identifierToCxi, RFC3986 } from './identifiers.ts';
export { validateR4Schema, type SchemaIssue } from './r4-schema.ts';
export { parseFhirJson, type FhirParseResult } from './parse-json.ts';
export { findDuplicateKey, type DuplicateKey } from './json-duplicates.ts';
export { nonObjectEntries, type EntryProblem } from './bundle-entries.ts';
