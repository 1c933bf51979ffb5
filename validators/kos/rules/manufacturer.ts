import type { Rule } from '../../rule.ts';
import type { KosView } from '../view.ts';
import { Tag, TagKey } from '../../../protocols/dicom/tags.generated.ts';

export const manufacturer: Rule<KosView> = {
  id: 'kos.equipment.manufacturer',
  reqIds: ['KOS-043'],
  severity: 'error',
  title: 'Manufacturer names the maker of the manifest creator',
  check(v) {
    return v.d.str(v.root, Tag.Manufacturer) === undefined
      ? [{ path: TagKey.Manufacturer, message: 'Manufacturer is absent or empty; MCWG requires it so faulty manifests can be traced' }]
      : [];
  },
};
