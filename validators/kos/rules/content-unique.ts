import type { Rule, RuleHit } from '../../rule.ts';
import { at, type KosView } from '../view.ts';

export const contentUnique: Rule<KosView> = {
  id: 'kos.content.unique-references',
  reqIds: ['KOS-050'],
  severity: 'error',
  title: 'The content tree references each instance once',
  check(v) {
    const hits: RuleHit[] = [];
    const seen = new Set<string>();
    for (const item of v.d.items(v.root, 0x0040a730)) {
      for (const ref of v.d.items(item, 0x00081199)) {
        const uid = v.d.str(ref, 0x00081155);
        if (uid === undefined) continue;
        if (seen.has(uid)) hits.push({ path: at(ref, 0x00081155), message: `instance ${uid} is referenced by more than one content item` });
        seen.add(uid);
      }
    }
    return hits;
  },
};
