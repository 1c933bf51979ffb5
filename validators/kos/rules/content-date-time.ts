import type { Rule, RuleHit } from '../../rule.ts';
import { isDate, isTime } from '../dicom-values.ts';
import type { KosView } from '../view.ts';

export const contentDateTime: Rule<KosView> = {
  id: 'kos.document.content-date-time',
  reqIds: ['KOS-008'],
  severity: 'error',
  title: 'Instance Number, Content Date and Content Time are valued',
  check(v) {
    const hits: RuleHit[] = [];
    const n = v.d.str(v.root, 0x00200013);
    if (n === undefined) hits.push({ path: '(0020,0013)', message: 'InstanceNumber is absent or empty (type 1)' });
    const date = v.d.str(v.root, 0x00080023);
    if (date === undefined || !isDate(date)) hits.push({ path: '(0008,0023)', message: `ContentDate must be a DA (YYYYMMDD); found ${date ?? 'nothing'}` });
    const time = v.d.str(v.root, 0x00080033);
    if (time === undefined || !isTime(time)) hits.push({ path: '(0008,0033)', message: `ContentTime must be a TM (HHMMSS.FFFFFF); found ${time ?? 'nothing'}` });
    return hits;
  },
};
