import type { Rule } from '../../rule.ts';
import { showCode, titleOf, type KosCtx, type KosView } from '../view.ts';
import { Tag, TagKey } from '../../../protocols/dicom/tags.generated.ts';

export const titleCid7010: Rule<KosView, KosCtx> = {
  id: 'kos.title.cid7010',
  reqIds: ['KIN-001'],
  severity: 'error',
  title: 'Document title is one code from CID 7010',
  check(v, ctx) {
    const items = v.d.items(v.root, Tag.ConceptNameCodeSequence);
    const t = titleOf(v);
    if (items.length === 1 && t.value !== undefined && ctx.valueSets.contains('VS-KOS-TITLE', t.value, t.scheme ?? '')) return [];
    return [
      {
        path: TagKey.ConceptNameCodeSequence,
        message: `ConceptNameCodeSequence must hold one code from CID 7010; found ${items.length} item(s), ${showCode(t)}`,
      },
    ];
  },
};
