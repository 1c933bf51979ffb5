import type { Rule } from '../../rule.ts';
import type { KosView } from '../view.ts';
import { Tag, TagKey } from '../../../protocols/dicom/tags.generated.ts';

export const studyDescription: Rule<KosView> = {
  id: 'kos.study.description',
  reqIds: ['KOS-038'],
  severity: 'warning',
  title: 'Study Description is carried',
  check(v) {
    return v.d.str(v.root, Tag.StudyDescription) === undefined
      ? [{ path: TagKey.StudyDescription, message: 'StudyDescription is absent or empty' }]
      : [];
  },
};
