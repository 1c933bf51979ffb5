// The MHD subject is the patient the manifest names (MHD-007): the Patient that
// DocumentReference.subject references (or its logical identifier) carries the national ID,
// the KOS Patient ID (0010,0020), under the system of its issuer (0010,0024)>(0040,0032).
import type { Identifier } from 'fhir/r4.js';
import type { ManifestFacts } from '../../manifest-facts.ts';
import type { Rule } from '../../rule.ts';

export interface SubjectView {
  facts: ManifestFacts;
  /** The subject's identifiers: its logical identifier, or those of the Patient it references. */
  identifiers: Identifier[] | undefined;
  /** FHIRPath of DocumentReference.subject. */
  path: string;
}

export const mhdSubjectNational: Rule<SubjectView, unknown> = {
  id: 'consistency.mhd.subject-national',
  reqIds: ['MHD-007'],
  severity: 'error',
  title: 'the subject Patient carries the manifest national ID under its issuer system',
  check({ facts, identifiers, path }) {
    const oid = facts.patient.issuerOid;
    // A manifest without an issuer OID is the KOS rules' finding; nothing to compare with here.
    if (!oid) return [];
    const system = `urn:oid:${oid}`;
    if (identifiers === undefined)
      return [{ path, message: `the subject names no Patient in the Bundle and no identifier; expected ${system}|${facts.patient.id}` }];
    const same = identifiers.filter((i) => i.system === system);
    if (same.some((i) => i.value === facts.patient.id)) return [];
    const found = identifiers.map((i) => `${i.system ?? '(no system)'}|${i.value ?? ''}`).join(', ') || 'none';
    return [
      {
        path,
        message: same.length
          ? `the subject's identifier of system ${system} is ${same.map((i) => i.value).join(', ')}; the manifest's Patient ID is ${facts.patient.id}`
          : `the subject has no identifier of system ${system} (the manifest's Issuer of Patient ID); found ${found}`,
      },
    ];
  },
};
