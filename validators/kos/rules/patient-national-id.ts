import type { Rule } from '../../rule.ts';
import type { KosView } from '../view.ts';
import { Tag, TagKey } from '../../../protocols/dicom/tags.generated.ts';

export const patientNationalId: Rule<KosView> = {
  id: 'kos.patient.national-id',
  reqIds: ['KOS-030'],
  severity: 'error',
  title: 'Patient ID holds the national patient identifier',
  check(v) {
    return v.d.str(v.root, Tag.PatientID) === undefined
      ? [{ path: TagKey.PatientID, message: 'PatientID is absent or empty; MCWG requires the national (or regional domain) patient ID' }]
      : [];
  },
};
