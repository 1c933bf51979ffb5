import type { Rule } from '../../rule.ts';
import type { KosView } from '../view.ts';

export const template2010: Rule<KosView> = {
  id: 'kos.content.template',
  reqIds: ['KOS-011'],
  severity: 'error',
  title: 'Content Template Sequence names DCMR TID 2010',
  check(v) {
    const items = v.d.items(v.root, 0x0040a504);
    if (items.length !== 1) return [{ path: '(0040,A504)', message: `ContentTemplateSequence must hold one item (DCMR, 2010); found ${items.length}` }];
    const it = items[0]!;
    const res = v.d.str(it, 0x00080105);
    const id = v.d.str(it, 0x0040db00);
    if (res === 'DCMR' && id === '2010') return [];
    return [{ path: res !== 'DCMR' ? '(0040,A504)[0]>(0008,0105)' : '(0040,A504)[0]>(0040,DB00)', message: `ContentTemplateSequence must name (DCMR, 2010); found (${res ?? ''}, ${id ?? ''})` }];
  },
};
