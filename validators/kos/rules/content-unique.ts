import type { Rule, RuleHit } from '../../rule.ts';
import { at, type KosView } from '../view.ts';
import { Tag } from '../../../protocols/dicom/tags.generated.ts';

export const contentUnique: Rule<KosView> = {
  id: 'kos.content.unique-references',
  reqIds: ['KOS-050'],
  severity: 'error',
  title: 'The content tree references each instance once',
  check(v) {
    const hits: RuleHit[] = [];
    const seen = new Set<string>();
    for (const item of v.d.items(v.root, Tag.ContentSequence)) {
      for (const ref of v.d.items(item, Tag.ReferencedSOPSequence)) {
        const uid = v.d.str(ref, Tag.ReferencedSOPInstanceUID);
        if (uid === undefined) continue;
        if (seen.has(uid))
          hits.push({
            path: at(ref, Tag.ReferencedSOPInstanceUID),
            message: `instance ${uid} is referenced by more than one content item`,
          });
        seen.add(uid);
      }
    }
    return hits;
  },
};
