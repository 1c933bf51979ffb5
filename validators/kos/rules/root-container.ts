import type { Rule, RuleHit } from '../../rule.ts';
import type { KosView } from '../view.ts';

export const rootContainer: Rule<KosView> = {
  id: 'kos.content.root-container',
  reqIds: ['KOS-009'],
  severity: 'error',
  title: 'Root content item is a CONTAINER with SEPARATE continuity',
  check(v) {
    const hits: RuleHit[] = [];
    const vt = v.d.str(v.root, 0x0040a040);
    if (vt !== 'CONTAINER') hits.push({ path: '(0040,A040)', message: `ValueType of the root must be CONTAINER; found ${vt ?? 'nothing'}` });
    const c = v.d.str(v.root, 0x0040a050);
    if (c !== 'SEPARATE') hits.push({ path: '(0040,A050)', message: `ContinuityOfContent must be SEPARATE; found ${c ?? 'nothing'}` });
    return hits;
  },
};
