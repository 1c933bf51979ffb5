// Where a deployment carries the accession number in HL7 v2 (RIS-006): the field, and how the
// issuer travels. One setting shared by the SUT profile (`mcwg run`), `simulate ris`,
// `validate hl7` and the report <-> manifest linkage checks.
//
// Encodings:
//  - 'ST': the field holds the number alone, as OBR-18 (ST in v2.5.1) can. The issuer is the
//    deployment's agreed one (issuerOid), not something the message can carry there.
//  - 'EI': the field holds an EI (number^namespace^OID^ISO), as OBR-3 or IPC-1; the issuer OID
//    travels in components 3 and 4 and must be there.
export type AccessionEncoding = 'ST' | 'EI';

export interface AccessionSetting {
  /** e.g. 'OBR-18' (the catalogue's default), 'OBR-3', 'IPC-1'. */
  field: string;
  encoding: AccessionEncoding;
  /** The deployment's accession issuer OID, when agreed rather than carried (ST). */
  issuerOid?: string;
}

export const DEFAULT_ACCESSION_FIELD = 'OBR-18';
export const ACCESSION_ENCODINGS: readonly AccessionEncoding[] = ['ST', 'EI'];
/** A segment field: three-character segment ID, '-', field number. */
export const HL7_FIELD = /^[A-Z][A-Z0-9]{2}-[1-9]\d{0,2}$/;

/** The encoding a field has in HL7 v2.5.1 when the deployment names none: OBR-18 is ST, others EI. */
export function defaultEncoding(field: string): AccessionEncoding {
  return field === 'OBR-18' || field === 'OBR-19' ? 'ST' : 'EI';
}

/** A full setting from whatever part of it was given. */
export function accessionSetting(
  given: { field?: string | undefined; encoding?: AccessionEncoding | undefined; issuerOid?: string | undefined } = {},
): AccessionSetting {
  const field = given.field ?? DEFAULT_ACCESSION_FIELD;
  return { field, encoding: given.encoding ?? defaultEncoding(field), ...(given.issuerOid ? { issuerOid: given.issuerOid } : {}) };
}
