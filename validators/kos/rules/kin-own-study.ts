import type { Rule, RuleHit } from '../../rule.ts';
import { at, type KosCtx, type KosView } from '../view.ts';
import { Tag } from '../../../protocols/dicom/tags.generated.ts';

// With the study's manifest read alongside, every instance a KIN flags must be in the study.
export const kinOwnStudy: Rule<KosView, KosCtx> = {
  id: 'kin.own-study',
  reqIds: ['KIN-015'],
  severity: 'error',
  title: 'A key-image note flags only instances of its own study',
  check(v, ctx) {
    const manifests = ctx.study.manifests;
    if (manifests.length === 0) return [];
    const study = ctx.study.manifestInstances();
    const hits: RuleHit[] = [];
    for (const item of v.d.items(v.root, Tag.ContentSequence)) {
      for (const ref of v.d.items(item, Tag.ReferencedSOPSequence)) {
        const uid = v.d.str(ref, Tag.ReferencedSOPInstanceUID);
        if (uid !== undefined && !study.has(uid))
          hits.push({
            path: at(ref, Tag.ReferencedSOPInstanceUID),
            message: `flagged instance ${uid} is not an instance of the study (not in its manifest ${manifests[0]!.artefact})`,
          });
      }
    }
    return hits;
  },
};
