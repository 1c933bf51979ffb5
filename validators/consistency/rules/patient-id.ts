// DocumentEntry.patientId equals the KOS Patient ID with the issuer OID of its qualifiers.
import { DE, externalIdOf, parseCx } from '../../../protocols/ebrim/index.ts';
import { xpathFor, fhirPathFor } from '../../../protocols/fhir/index.ts';
import type { Rule } from '../../rule.ts';
import type { ManifestEntryView } from '../view.ts';

export const kosPatientId: Rule<ManifestEntryView, unknown> = {
  id: 'consistency.kos.patient-id',
  reqIds: ['META-040'],
  severity: 'error',
  title: 'patientId equals the manifest Patient ID and issuer OID',
  check({ facts, entry, origin }) {
    const pid = externalIdOf(entry, DE.patientId);
    const path = pid?.path ?? (origin === 'fhir' ? fhirPathFor(entry.path, 'patientId') : xpathFor(entry.path, 'patientId'));
    const want = `${facts.patient.id}^^^&${facts.patient.issuerOid ?? ''}&ISO`;
    // Affinity-domain IDs may be the national ID from Other Patient IDs rather than (0010,0020).
    const candidates = [facts.patient, ...facts.otherPatientIds];
    const cx = pid ? parseCx(pid.value) : undefined;
    if (cx && candidates.some((p) => p.id === cx.id && p.issuerOid === cx.authorityOid)) return [];
    return [
      {
        path,
        message: `patientId ${pid ? `'${pid.value}'` : 'missing'}; the manifest says ${want} ((0010,0020) with (0010,0024)>(0040,0032))`,
      },
    ];
  },
};
