import type { Rule, RuleHit } from '../../rule.ts';
import { uidProblem, type KosView } from '../view.ts';

export const sopInstanceUid: Rule<KosView> = {
  id: 'kos.sop-instance-uid',
  reqIds: ['KOS-003'],
  severity: 'error',
  title: 'SOP Instance UID is a valid UID equal to the Media Storage SOP Instance UID',
  check(v) {
    const uid = v.d.str(v.root, 0x00080018);
    if (uid === undefined) return [{ path: '(0008,0018)', message: 'SOPInstanceUID is absent or empty' }];
    const hits: RuleHit[] = [];
    const why = uidProblem(uid);
    if (why) hits.push({ path: '(0008,0018)', message: `SOPInstanceUID '${uid}' ${why}` });
    const media = v.d.str(v.file.meta, 0x00020003);
    if (v.file.meta.elements.size > 0 && media !== uid) hits.push({ path: '(0002,0003)', message: `MediaStorageSOPInstanceUID ${media ?? '(absent)'} differs from SOPInstanceUID ${uid}` });
    return hits;
  },
};
