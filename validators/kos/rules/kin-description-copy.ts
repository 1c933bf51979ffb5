import type { Rule, RuleHit } from '../../rule.ts';
import { backReferences } from '../back-references.ts';
import { at, evidenceInstances, type KosView } from '../view.ts';
import { Tag, TagKey } from '../../../protocols/dicom/tags.generated.ts';

// The manifest item of a KIN titled Of Interest holds one Content Sequence item with a copy of
// its Key Object Description. The title is known from the back-references naming the KIN.
export const kinDescriptionCopy: Rule<KosView> = {
  id: 'kos.kin.description-copy',
  reqIds: ['KIN-007'],
  severity: 'error',
  title: 'The manifest item of an Of Interest KIN carries one Content Sequence item with its description',
  check(v) {
    const ofInterest = new Set(
      backReferences(v)
        .filter((r) => r.purpose.value === '113000')
        .map((r) => r.kinUid),
    );
    if (ofInterest.size === 0) return [];
    const hits: RuleHit[] = [];
    for (const { item } of evidenceInstances(v)) {
      const uid = v.d.str(item, Tag.ReferencedSOPInstanceUID);
      if (!ofInterest.has(uid)) continue;
      const n = v.d.items(item, Tag.ContentSequence).length;
      if (n !== 1)
        hits.push({
          path: at(item, Tag.ContentSequence),
          message: `KIN ${uid} (Of Interest) must carry one ContentSequence item with its Key Object Description; found ${n}`,
        });
      else if (!v.d.has(v.d.items(item, Tag.ContentSequence)[0]!, Tag.TextValue))
        hits.push({
          path: `${at(item, Tag.ContentSequence)}[0]>${TagKey.TextValue}`,
          message: `TextValue is absent from the description copy of KIN ${uid}`,
        });
    }
    return hits;
  },
};
