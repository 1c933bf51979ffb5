import type { Rule, RuleHit } from '../../rule.ts';
import { at, type KosView } from '../view.ts';

const TYPE2: [number, string][] = [
  [0x00402017, 'FillerOrderNumberImagingServiceRequest'],
  [0x00401001, 'RequestedProcedureID'],
  [0x00321060, 'RequestedProcedureDescription'],
  [0x00321064, 'RequestedProcedureCodeSequence'],
];

export const requestOther: Rule<KosView> = {
  id: 'kos.request.type2',
  reqIds: ['KOS-042'],
  severity: 'error',
  title: 'Each request item carries filler order, procedure ID, description and code sequence',
  check(v) {
    const hits: RuleHit[] = [];
    for (const item of v.d.items(v.root, 0x0040a370)) {
      for (const [tag, name] of TYPE2) if (!v.d.has(item, tag)) hits.push({ path: at(item, tag), message: `${name} is absent (type 2: present, may be empty)` });
    }
    return hits;
  },
};
