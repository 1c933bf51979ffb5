// WIA-006: every QIDO query through the facade is scoped to one patient. A study- or
// series-level search without exactly one literal PatientID (no wildcard, no list), or one
// whose ID is known under several issuers when no issuer is given, is refused with 400:
// the facade must not become a way to browse the region's patients.
import type { DicomWebError } from '../../protocols/dicomweb/index.ts';
import type { WiaStudy } from './studies.ts';
import { JsonTag } from '../../protocols/dicom/tags.generated.ts';

export const PATIENT_ID_KEYS = ['PatientID', JsonTag.PatientID];
export const ISSUER_KEYS = [
  'IssuerOfPatientIDQualifiersSequence.UniversalEntityID',
  '00100024.00400032',
  'IssuerOfPatientID',
  JsonTag.IssuerOfPatientID,
];

export type Scoped = { ok: true; studies: WiaStudy[] } | { ok: false; error: DicomWebError };

export function scopeToPatient(params: URLSearchParams, studies: Iterable<WiaStudy>): Scoped {
  const ids = PATIENT_ID_KEYS.flatMap((k) => params.getAll(k));
  const refuse = (why: string): Scoped => ({
    ok: false,
    error: { status: 400, message: `query must be scoped to one patient (WIA-006): ${why}` },
  });
  if (ids.length === 0) return refuse('PatientID is missing');
  if (ids.length > 1) return refuse('PatientID is given more than once');
  const id = ids[0]!.trim();
  if (id === '') return refuse('PatientID is empty');
  if (/[*?,\\]/.test(id)) return refuse(`PatientID '${id}' is a wildcard or a list`);
  const issuer = ISSUER_KEYS.map((k) => params.get(k))
    .find((v) => v !== null && v !== '')
    ?.replace(/^urn:oid:/, '');
  const mine = [...studies].filter((s) => s.patient.id === id && (issuer === undefined || s.patient.issuerOid === issuer));
  const issuers = new Set(mine.map((s) => s.patient.issuerOid));
  if (issuers.size > 1)
    return refuse(`PatientID '${id}' is known under ${issuers.size} issuers; give IssuerOfPatientIDQualifiersSequence.UniversalEntityID`);
  return { ok: true, studies: mine };
}
