import type { Rule } from '../../rule.ts';
import type { KosView } from '../view.ts';
import { Tag, TagKey } from '../../../protocols/dicom/tags.generated.ts';

export const template2010: Rule<KosView> = {
  id: 'kos.content.template',
  reqIds: ['KOS-011'],
  severity: 'error',
  title: 'Content Template Sequence names DCMR TID 2010',
  check(v) {
    const items = v.d.items(v.root, Tag.ContentTemplateSequence);
    if (items.length !== 1)
      return [
        { path: TagKey.ContentTemplateSequence, message: `ContentTemplateSequence must hold one item (DCMR, 2010); found ${items.length}` },
      ];
    const it = items[0]!;
    const res = v.d.str(it, Tag.MappingResource);
    const id = v.d.str(it, Tag.TemplateIdentifier);
    if (res === 'DCMR' && id === '2010') return [];
    return [
      {
        path:
          res !== 'DCMR'
            ? `${TagKey.ContentTemplateSequence}[0]>${TagKey.MappingResource}`
            : `${TagKey.ContentTemplateSequence}[0]>${TagKey.TemplateIdentifier}`,
        message: `ContentTemplateSequence must name (DCMR, 2010); found (${res ?? ''}, ${id ?? ''})`,
      },
    ];
  },
};
