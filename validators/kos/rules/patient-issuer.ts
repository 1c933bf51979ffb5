import type { Rule } from '../../rule.ts';
import { issuerProblem, type KosView } from '../view.ts';
import { Tag } from '../../../protocols/dicom/tags.generated.ts';

export const patientIssuer: Rule<KosView> = {
  id: 'kos.patient.issuer',
  reqIds: ['KOS-031'],
  severity: 'error',
  title: 'Issuer of Patient ID Qualifiers Sequence names the assigning authority OID (ISO)',
  check(v) {
    const p = issuerProblem(v, v.root, Tag.IssuerOfPatientIDQualifiersSequence, 'IssuerOfPatientIDQualifiersSequence');
    return p ? [p] : [];
  },
};
