import type { Rule } from '../../rule.ts';
import { issuerProblem, type KosView } from '../view.ts';

export const patientIssuer: Rule<KosView> = {
  id: 'kos.patient.issuer',
  reqIds: ['KOS-031'],
  severity: 'error',
  title: 'Issuer of Patient ID Qualifiers Sequence names the assigning authority OID (ISO)',
  check(v) {
    const p = issuerProblem(v, v.root, 0x00100024, 'IssuerOfPatientIDQualifiersSequence');
    return p ? [p] : [];
  },
};
