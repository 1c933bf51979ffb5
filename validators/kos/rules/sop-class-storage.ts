import { isStorageClass } from '../../../protocols/dicom/sop-classes.ts';
import type { Rule, RuleHit } from '../../rule.ts';
import { at, evidenceInstances, type KosView } from '../view.ts';
import { Tag } from '../../../protocols/dicom/tags.generated.ts';

export const sopClassStorage: Rule<KosView> = {
  id: 'kos.evidence.storage-class',
  reqIds: ['KOS-047'],
  severity: 'error',
  title: 'Referenced SOP classes are storage SOP classes retrievable as Part 10',
  check(v) {
    const hits: RuleHit[] = [];
    // An index loop and no object per reference: this runs once per reference, cold.
    const evidence = evidenceInstances(v);
    for (let i = 0; i < evidence.length; i++) {
      const item = evidence[i]!.item;
      const cls = v.d.str(item, Tag.ReferencedSOPClassUID);
      if (cls !== undefined && !isStorageClass(cls))
        hits.push({ path: at(item, Tag.ReferencedSOPClassUID), message: `ReferencedSOPClassUID ${cls} is not a storage SOP class` });
    }
    return hits;
  },
};
