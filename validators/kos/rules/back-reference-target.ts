import { KOS_SOP_CLASS } from '../../../protocols/dicom/sop-classes.ts';
import type { Rule, RuleHit } from '../../rule.ts';
import { backReferences } from '../back-references.ts';
import { at, evidenceInstances, type KosView } from '../view.ts';
import { Tag } from '../../../protocols/dicom/tags.generated.ts';

export const backReferenceTarget: Rule<KosView> = {
  id: 'kos.kin.back-reference-target',
  reqIds: ['KIN-005'],
  severity: 'error',
  title: 'A Related Series item names a KOS series and instance listed in the manifest evidence',
  check(v) {
    const refs = backReferences(v);
    if (refs.length === 0) return [];
    const listed = new Map<string, string | undefined>();
    for (const { series, item } of evidenceInstances(v)) {
      const uid = v.d.str(item, Tag.ReferencedSOPInstanceUID);
      if (uid) listed.set(uid, v.d.str(series, Tag.SeriesInstanceUID));
    }
    const hits: RuleHit[] = [];
    for (const r of refs) {
      if (r.kinSeriesUid === undefined)
        hits.push({ path: at(r.related, Tag.SeriesInstanceUID), message: 'SeriesInstanceUID is absent from a Related Series item' });
      if (!r.ref) {
        hits.push({
          path: at(r.related, Tag.ReferencedSOPSequence),
          message: 'ReferencedSOPSequence is absent or empty in a Related Series item',
        });
        continue;
      }
      const cls = v.d.str(r.ref, Tag.ReferencedSOPClassUID);
      if (cls !== KOS_SOP_CLASS)
        hits.push({
          path: at(r.ref, Tag.ReferencedSOPClassUID),
          message: `a back-reference must name a KOS instance (${KOS_SOP_CLASS}); found ${cls ?? 'nothing'}`,
        });
      if (r.kinUid === undefined)
        hits.push({ path: at(r.ref, Tag.ReferencedSOPInstanceUID), message: 'ReferencedSOPInstanceUID is absent in a back-reference' });
      else if (!listed.has(r.kinUid))
        hits.push({ path: at(r.ref, Tag.ReferencedSOPInstanceUID), message: `KIN ${r.kinUid} is not listed in the manifest evidence` });
      else if (r.kinSeriesUid !== undefined && listed.get(r.kinUid) !== r.kinSeriesUid) {
        hits.push({
          path: at(r.related, Tag.SeriesInstanceUID),
          message: `KIN ${r.kinUid} is listed under series ${listed.get(r.kinUid)}, not ${r.kinSeriesUid}`,
        });
      }
    }
    return hits;
  },
};
