import type { Rule, RuleHit } from '../../rule.ts';
import { uidProblem, type KosView } from '../view.ts';
import { Tag, TagKey } from '../../../protocols/dicom/tags.generated.ts';

export const sopInstanceUid: Rule<KosView> = {
  id: 'kos.sop-instance-uid',
  reqIds: ['KOS-003'],
  severity: 'error',
  title: 'SOP Instance UID is a valid UID equal to the Media Storage SOP Instance UID',
  check(v) {
    const uid = v.d.str(v.root, Tag.SOPInstanceUID);
    if (uid === undefined) return [{ path: TagKey.SOPInstanceUID, message: 'SOPInstanceUID is absent or empty' }];
    const hits: RuleHit[] = [];
    const why = uidProblem(uid);
    if (why) hits.push({ path: TagKey.SOPInstanceUID, message: `SOPInstanceUID '${uid}' ${why}` });
    const media = v.d.str(v.file.meta, Tag.MediaStorageSOPInstanceUID);
    if (v.file.meta.elements.size > 0 && media !== uid)
      hits.push({
        path: TagKey.MediaStorageSOPInstanceUID,
        message: `MediaStorageSOPInstanceUID ${media ?? '(absent)'} differs from SOPInstanceUID ${uid}`,
      });
    return hits;
  },
};
