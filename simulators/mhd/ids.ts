// FHIR logical ids of records kept in XDS terms. DocumentReference, Binary and List ids are
// the entryUUID without its urn:uuid: prefix, so one id names the entry in both protocols.
// Patient ids encode the CX (ITI TF-2 Appendix Z.9.1.2) as <assigning authority OID>-<id>.
import { parseCx } from '../../protocols/ebrim/index.ts';

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/;

export const resourceIdOf = (entryUuid: string): string => entryUuid.replace(/^urn:uuid:/, '');

/** entryUUID for a logical id, or undefined when the id cannot be one of ours. */
export function entryUuidOf(id: string): string | undefined {
  return UUID.test(id) ? `urn:uuid:${id.toLowerCase()}` : undefined;
}

export function patientIdOf(cx: string): string | undefined {
  const c = parseCx(cx);
  if (!c.authorityOid || !c.id) return undefined;
  const id = `${c.authorityOid}-${c.id}`;
  return FHIR_ID.test(id) ? id : undefined;
}

/** Patient logical id -> CX; OIDs never contain '-', so the first one splits. */
export function cxOfPatientId(id: string): string | undefined {
  const i = id.indexOf('-');
  if (i <= 0 || i === id.length - 1) return undefined;
  const oid = id.slice(0, i);
  if (!/^[0-2](\.\d+)+$/.test(oid)) return undefined;
  return `${id.slice(i + 1)}^^^&${oid}&ISO`;
}
