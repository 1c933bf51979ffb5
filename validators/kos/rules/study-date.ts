import type { Rule } from '../../rule.ts';
import { isDate } from '../dicom-values.ts';
import type { KosView } from '../view.ts';

export const studyDate: Rule<KosView> = {
  id: 'kos.study.date',
  reqIds: ['KOS-035'],
  severity: 'error',
  title: 'Study Date is a valued DA',
  check(v) {
    const d = v.d.str(v.root, 0x00080020);
    return d !== undefined && isDate(d) ? [] : [{ path: '(0008,0020)', message: `StudyDate must be valued (YYYYMMDD); found ${d ?? 'nothing'}` }];
  },
};
