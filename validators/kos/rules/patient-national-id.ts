import type { Rule } from '../../rule.ts';
import type { KosView } from '../view.ts';

export const patientNationalId: Rule<KosView> = {
  id: 'kos.patient.national-id',
  reqIds: ['KOS-030'],
  severity: 'error',
  title: 'Patient ID holds the national patient identifier',
  check(v) {
    return v.d.str(v.root, 0x00100020) === undefined ? [{ path: '(0010,0020)', message: 'PatientID is absent or empty; MCWG requires the national (or regional domain) patient ID' }] : [];
  },
};
