import type { Rule, RuleHit } from '../../rule.ts';
import type { KosView } from '../view.ts';
import { Tag, TagKey } from '../../../protocols/dicom/tags.generated.ts';

export const rootContainer: Rule<KosView> = {
  id: 'kos.content.root-container',
  reqIds: ['KOS-009'],
  severity: 'error',
  title: 'Root content item is a CONTAINER with SEPARATE continuity',
  check(v) {
    const hits: RuleHit[] = [];
    const vt = v.d.str(v.root, Tag.ValueType);
    if (vt !== 'CONTAINER')
      hits.push({ path: TagKey.ValueType, message: `ValueType of the root must be CONTAINER; found ${vt ?? 'nothing'}` });
    const c = v.d.str(v.root, Tag.ContinuityOfContent);
    if (c !== 'SEPARATE')
      hits.push({ path: TagKey.ContinuityOfContent, message: `ContinuityOfContent must be SEPARATE; found ${c ?? 'nothing'}` });
    return hits;
  },
};
