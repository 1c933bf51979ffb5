import type { Rule, RuleHit } from '../../rule.ts';
import { at, evidenceInstances, type KosView } from '../view.ts';

export const instanceNumber: Rule<KosView> = {
  id: 'kos.instance.number',
  reqIds: ['KOS-028'],
  severity: 'error',
  title: 'Each referenced instance carries Instance Number (may be empty)',
  check(v) {
    const hits: RuleHit[] = [];
    for (const { item } of evidenceInstances(v)) {
      if (!v.d.has(item, 0x00200013)) hits.push({ path: at(item, 0x00200013), message: 'InstanceNumber is absent from a Referenced SOP item (MCWG type 2)' });
      else {
        const n = v.d.str(item, 0x00200013);
        if (n !== undefined && !/^[+-]?\d+$/.test(n)) hits.push({ path: at(item, 0x00200013), message: `InstanceNumber '${n}' is not an IS integer` });
      }
    }
    return hits;
  },
};
