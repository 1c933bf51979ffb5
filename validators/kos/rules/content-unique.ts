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
    // Index loops: this runs once per reference, cold, where for-of allocates per step.
    const items = v.d.items(v.root, Tag.ContentSequence);
    for (let i = 0; i < items.length; i++) {
      const refs = v.d.items(items[i]!, Tag.ReferencedSOPSequence);
      for (let j = 0; j < refs.length; j++) {
        const ref = refs[j]!;
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
