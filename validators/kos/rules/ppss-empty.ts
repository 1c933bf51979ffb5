import type { Rule } from '../../rule.ts';
import type { KosView } from '../view.ts';
import { Tag, TagKey } from '../../../protocols/dicom/tags.generated.ts';

export const ppssEmpty: Rule<KosView> = {
  id: 'kos.series.ppss',
  reqIds: ['KOS-007'],
  severity: 'error',
  title: 'Referenced Performed Procedure Step Sequence is present and empty',
  check(v) {
    if (!v.d.has(v.root, Tag.ReferencedPerformedProcedureStepSequence))
      return [
        {
          path: TagKey.ReferencedPerformedProcedureStepSequence,
          message: 'ReferencedPerformedProcedureStepSequence is absent (type 2: present, empty)',
        },
      ];
    const n = v.d.items(v.root, Tag.ReferencedPerformedProcedureStepSequence).length;
    return n > 0
      ? [
          {
            path: TagKey.ReferencedPerformedProcedureStepSequence,
            severity: 'warning',
            message: `ReferencedPerformedProcedureStepSequence holds ${n} item(s); expected empty`,
          },
        ]
      : [];
  },
};
