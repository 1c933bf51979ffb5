import type { Rule } from '../../rule.ts';
import type { KosView } from '../view.ts';

export const ppssEmpty: Rule<KosView> = {
  id: 'kos.series.ppss',
  reqIds: ['KOS-007'],
  severity: 'error',
  title: 'Referenced Performed Procedure Step Sequence is present and empty',
  check(v) {
    if (!v.d.has(v.root, 0x00081111)) return [{ path: '(0008,1111)', message: 'ReferencedPerformedProcedureStepSequence is absent (type 2: present, empty)' }];
    const n = v.d.items(v.root, 0x00081111).length;
    return n > 0 ? [{ path: '(0008,1111)', severity: 'warning', message: `ReferencedPerformedProcedureStepSequence holds ${n} item(s); expected empty` }] : [];
  },
};
