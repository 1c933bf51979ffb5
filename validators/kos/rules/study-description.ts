import type { Rule } from '../../rule.ts';
import type { KosView } from '../view.ts';

export const studyDescription: Rule<KosView> = {
  id: 'kos.study.description',
  reqIds: ['KOS-038'],
  severity: 'warning',
  title: 'Study Description is carried',
  check(v) {
    return v.d.str(v.root, 0x00081030) === undefined ? [{ path: '(0008,1030)', message: 'StudyDescription is absent or empty' }] : [];
  },
};
