import { isStorageClass } from '../../../protocols/dicom/sop-classes.ts';
import type { Rule } from '../../rule.ts';
import { at, evidenceInstances, type KosView } from '../view.ts';
import { Tag } from '../../../protocols/dicom/tags.generated.ts';

export const sopClassStorage: Rule<KosView> = {
  id: 'kos.evidence.storage-class',
  reqIds: ['KOS-047'],
  severity: 'error',
  title: 'Referenced SOP classes are storage SOP classes retrievable as Part 10',
  check(v) {
    return evidenceInstances(v)
      .map(({ item }) => ({ item, cls: v.d.str(item, Tag.ReferencedSOPClassUID) }))
      .filter((x) => x.cls !== undefined && !isStorageClass(x.cls))
      .map(({ item, cls }) => ({
        path: at(item, Tag.ReferencedSOPClassUID),
        message: `ReferencedSOPClassUID ${cls} is not a storage SOP class`,
      }));
  },
};
