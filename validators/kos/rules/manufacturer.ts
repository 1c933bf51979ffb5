import type { Rule } from '../../rule.ts';
import type { KosView } from '../view.ts';

export const manufacturer: Rule<KosView> = {
  id: 'kos.equipment.manufacturer',
  reqIds: ['KOS-043'],
  severity: 'error',
  title: 'Manufacturer names the maker of the manifest creator',
  check(v) {
    return v.d.str(v.root, 0x00080070) === undefined ? [{ path: '(0008,0070)', message: 'Manufacturer is absent or empty; MCWG requires it so faulty manifests can be traced' }] : [];
  },
};
