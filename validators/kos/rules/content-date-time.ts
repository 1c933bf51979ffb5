import type { Rule, RuleHit } from '../../rule.ts';
import { isDate, isTime } from '../dicom-values.ts';
import type { KosView } from '../view.ts';
import { Tag, TagKey } from '../../../protocols/dicom/tags.generated.ts';

export const contentDateTime: Rule<KosView> = {
  id: 'kos.document.content-date-time',
  reqIds: ['KOS-008'],
  severity: 'error',
  title: 'Instance Number, Content Date and Content Time are valued',
  check(v) {
    const hits: RuleHit[] = [];
    const n = v.d.str(v.root, Tag.InstanceNumber);
    if (n === undefined) hits.push({ path: TagKey.InstanceNumber, message: 'InstanceNumber is absent or empty (type 1)' });
    const date = v.d.str(v.root, Tag.ContentDate);
    if (date === undefined || !isDate(date))
      hits.push({ path: TagKey.ContentDate, message: `ContentDate must be a DA (YYYYMMDD); found ${date ?? 'nothing'}` });
    const time = v.d.str(v.root, Tag.ContentTime);
    if (time === undefined || !isTime(time))
      hits.push({ path: TagKey.ContentTime, message: `ContentTime must be a TM (HHMMSS.FFFFFF); found ${time ?? 'nothing'}` });
    return hits;
  },
};
