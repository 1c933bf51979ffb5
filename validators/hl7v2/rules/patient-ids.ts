import type { Rule } from '../../rule.ts';
import { patientIds } from '../datatypes.ts';
import { forKinds, type Hl7View } from '../view.ts';

// HL7 table 0203 type codes: national (NI, NH, NN, SS) and local (PI, MR, PT).
const NATIONAL = ['NI', 'NH', 'NN', 'SS'];
const LOCAL = ['PI', 'MR', 'PT'];

export const reportPatientIds: Rule<Hl7View> = {
  id: 'hl7.report.patient-ids',
  reqIds: ['RIS-008'],
  severity: 'error',
  title: 'A report carries both a national and a local patient identifier in PID-3',
  check(view) {
    return forKinds(view, ['report'], (m) => {
      const types = patientIds(m)
        .filter((c) => c.id)
        .map((c) => c.type);
      const hits = [];
      if (!types.some((t) => NATIONAL.includes(t)))
        hits.push({
          path: 'PID-3',
          message: `PID-3 has no national patient ID (type ${NATIONAL.join('/')}); types found: ${types.join(',') || 'none'}`,
        });
      if (!types.some((t) => LOCAL.includes(t)))
        hits.push({
          path: 'PID-3',
          message: `PID-3 has no local patient ID (type ${LOCAL.join('/')}); types found: ${types.join(',') || 'none'}`,
        });
      return hits;
    });
  },
};
