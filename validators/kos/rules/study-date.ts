import type { Rule } from '../../rule.ts';
import { isDate } from '../dicom-values.ts';
import type { KosView } from '../view.ts';
import { Tag, TagKey } from '../../../protocols/dicom/tags.generated.ts';

export const studyDate: Rule<KosView> = {
  id: 'kos.study.date',
  reqIds: ['KOS-035'],
  severity: 'error',
  title: 'Study Date is a valued DA',
  check(v) {
    const d = v.d.str(v.root, Tag.StudyDate);
    return d !== undefined && isDate(d)
      ? []
      : [{ path: TagKey.StudyDate, message: `StudyDate must be valued (YYYYMMDD); found ${d ?? 'nothing'}` }];
  },
};
