import type { Rule, RuleHit } from '../../rule.ts';
import { backReferences } from '../back-references.ts';
import { at, evidenceInstances, type KosCtx, type KosView } from '../view.ts';
import { Tag } from '../../../protocols/dicom/tags.generated.ts';

// Each image a KIN flags has a back-reference naming that KIN (KIN-004, KIN-009 for several
// KINs on one image), and every back-reference matches the KIN's content (KIN-008).
export const kinFlagsMatch: Rule<KosView, KosCtx> = {
  id: 'kos.kin.flags-match',
  reqIds: ['KIN-004', 'KIN-008', 'KIN-009'],
  severity: 'error',
  title: 'Back-references in the manifest match the content of each KIN, both ways',
  check(v, ctx) {
    const kins = ctx.study.kinContents();
    if (kins.length === 0) return [];
    const images = new Map(evidenceInstances(v).map(({ item }) => [v.d.str(item, Tag.ReferencedSOPInstanceUID), item]));
    const refs = backReferences(v);
    const hits: RuleHit[] = [];
    for (const kin of kins) {
      if (kin.uid === undefined) continue;
      const named = new Set(refs.filter((r) => r.kinUid === kin.uid).map((r) => r.imageUid));
      for (const uid of kin.flagged) {
        const item = images.get(uid);
        if (item && !named.has(uid))
          hits.push({
            path: at(item, Tag.RelatedSeriesSequence),
            reqIds: ['KIN-004', 'KIN-009'],
            message: `instance ${uid} is flagged by KIN ${kin.uid} but has no back-reference naming it`,
          });
      }
      for (const r of refs.filter((x) => x.kinUid === kin.uid && !kin.flagged.includes(x.imageUid ?? ''))) {
        hits.push({
          path: at(r.ref ?? r.related, Tag.ReferencedSOPInstanceUID),
          reqIds: ['KIN-008'],
          message: `back-reference to KIN ${kin.uid} on instance ${r.imageUid ?? '?'}, which that KIN does not flag`,
        });
      }
    }
    return hits;
  },
};
