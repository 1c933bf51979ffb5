import type { Rule, RuleHit } from '../../rule.ts';
import { isIntegerString } from '../dicom-values.ts';
import { at, evidenceInstances, type KosView } from '../view.ts';
import { Tag } from '../../../protocols/dicom/tags.generated.ts';

export const instanceNumber: Rule<KosView> = {
  id: 'kos.instance.number',
  reqIds: ['KOS-028'],
  severity: 'error',
  title: 'Each referenced instance carries Instance Number (may be empty)',
  check(v) {
    const hits: RuleHit[] = [];
    // An index loop: this runs once per reference, cold, where for-of allocates per step.
    const evidence = evidenceInstances(v);
    for (let i = 0; i < evidence.length; i++) {
      const item = evidence[i]!.item;
      if (!v.d.has(item, Tag.InstanceNumber))
        hits.push({ path: at(item, Tag.InstanceNumber), message: 'InstanceNumber is absent from a Referenced SOP item (MCWG type 2)' });
      else {
        const n = v.d.str(item, Tag.InstanceNumber);
        if (n !== undefined && !isIntegerString(n))
          hits.push({ path: at(item, Tag.InstanceNumber), message: `InstanceNumber '${n}' is not an IS integer` });
      }
    }
    return hits;
  },
};
