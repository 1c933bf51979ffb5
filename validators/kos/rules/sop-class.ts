import type { Rule } from '../../rule.ts';
import { KOS_SOP_CLASS } from '../../../protocols/dicom/sop-classes.ts';
import type { KosView } from '../view.ts';
import { Tag, TagKey } from '../../../protocols/dicom/tags.generated.ts';

export const sopClass: Rule<KosView> = {
  id: 'kos.sop-class',
  reqIds: ['KOS-001'],
  severity: 'error',
  title: 'SOP Class UID and Media Storage SOP Class UID are the KOS class',
  check(v) {
    const cls = v.d.str(v.root, Tag.SOPClassUID);
    const media = v.d.str(v.file.meta, Tag.MediaStorageSOPClassUID);
    const hits = [];
    if (cls !== KOS_SOP_CLASS)
      hits.push({
        path: TagKey.SOPClassUID,
        message: `SOPClassUID must be ${KOS_SOP_CLASS} (Key Object Selection Document); found ${cls ?? 'nothing'}`,
      });
    if (v.file.meta.elements.size > 0 && media !== cls)
      hits.push({
        path: TagKey.MediaStorageSOPClassUID,
        message: `MediaStorageSOPClassUID ${media ?? '(absent)'} differs from SOPClassUID ${cls ?? '(absent)'}`,
      });
    return hits;
  },
};
