// Patient identity of a retrieved instance against the manifest (GW-010, KOS-033). In the MCWG
// gateway arrangement the PACS keeps its local Patient ID on the images while the manifest
// carries the national ID in (0010,0020) and lists the local one, with its issuer, in Other
// Patient IDs (0010,1002). An instance matches when its Patient ID and issuer equal either.
import type { ManifestFacts, PatientIdentifier } from '../../validators/manifest-facts.ts';

export interface InstancePatient {
  patientId?: string;
  /** Issuer of Patient ID (0010,0021). */
  issuer?: string;
  /** (0010,0024)>(0040,0032): the issuer's Universal Entity ID. */
  issuerOid?: string;
}

/**
 * Same ID, and the same issuer wherever both sides name one. An issuer given on one side only
 * is not a contradiction: (0010,0021) and (0010,0024) are Type 3 in the image IODs.
 */
export function sameIdentity(p: InstancePatient, id: PatientIdentifier): boolean {
  if (p.patientId === undefined || p.patientId !== id.id) return false;
  if (p.issuer && id.issuer && p.issuer !== id.issuer) return false;
  if (p.issuerOid && id.issuerOid && p.issuerOid !== id.issuerOid) return false;
  return true;
}

/** Undefined when the instance's patient is the manifest's Patient ID or one of its Other Patient IDs; else why not. */
export function patientMismatch(p: InstancePatient, m: ManifestFacts): string | undefined {
  const known = [m.patient, ...m.otherPatientIds];
  if (known.some((id) => sameIdentity(p, id))) return undefined;
  const show = (id: string | undefined, issuer?: string, oid?: string): string =>
    `${id ?? '(none)'} (issuer ${[issuer, oid].filter(Boolean).join(' / ') || '-'})`;
  const others = m.otherPatientIds.map((o) => show(o.id, o.issuer, o.issuerOid)).join(', ');
  return `Patient ID ${show(p.patientId, p.issuer, p.issuerOid)} is neither the manifest's Patient ID ${show(m.patient.id, m.patient.issuer, m.patient.issuerOid)} nor one of its Other Patient IDs (0010,1002)${others ? `: ${others}` : ' (none listed)'}`;
}
