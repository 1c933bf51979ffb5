import type { Rule, RuleHit } from '../../rule.ts';
import { at, type KosView } from '../view.ts';
import { Tag } from '../../../protocols/dicom/tags.generated.ts';

const TYPE2: [number, string][] = [
  [Tag.FillerOrderNumberImagingServiceRequest, 'FillerOrderNumberImagingServiceRequest'],
  [Tag.RequestedProcedureID, 'RequestedProcedureID'],
  [Tag.RequestedProcedureDescription, 'RequestedProcedureDescription'],
  [Tag.RequestedProcedureCodeSequence, 'RequestedProcedureCodeSequence'],
];

export const requestOther: Rule<KosView> = {
  id: 'kos.request.type2',
  reqIds: ['KOS-042'],
  severity: 'error',
  title: 'Each request item carries filler order, procedure ID, description and code sequence',
  check(v) {
    const hits: RuleHit[] = [];
    for (const item of v.d.items(v.root, Tag.ReferencedRequestSequence)) {
      for (const [tag, name] of TYPE2)
        if (!v.d.has(item, tag)) hits.push({ path: at(item, tag), message: `${name} is absent (type 2: present, may be empty)` });
    }
    return hits;
  },
};
