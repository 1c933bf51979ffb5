import { referenceKind } from '../../../protocols/dicom/sop-classes.ts';
import type { Rule, RuleHit } from '../../rule.ts';
import { at, type KosView } from '../view.ts';
import { Tag } from '../../../protocols/dicom/tags.generated.ts';

const REF_TYPES = new Set(['IMAGE', 'WAVEFORM', 'COMPOSITE']);

export const contentReferences: Rule<KosView> = {
  id: 'kos.content.references',
  reqIds: ['KOS-012'],
  severity: 'error',
  title: 'Reference items are CONTAINS IMAGE/WAVEFORM/COMPOSITE with one Referenced SOP item',
  check(v) {
    const hits: RuleHit[] = [];
    // An index loop: this runs once per reference, cold, where for-of allocates per step.
    const items = v.d.items(v.root, Tag.ContentSequence);
    for (let i = 0; i < items.length; i++) {
      const item = items[i]!;
      const vt = v.d.str(item, Tag.ValueType);
      const refs = v.d.items(item, Tag.ReferencedSOPSequence);
      if (!REF_TYPES.has(vt ?? '') && !v.d.has(item, Tag.ReferencedSOPSequence)) continue;
      const rel = v.d.str(item, Tag.RelationshipType);
      if (rel !== 'CONTAINS')
        hits.push({
          path: at(item, Tag.RelationshipType),
          message: `RelationshipType of a reference item must be CONTAINS; found ${rel ?? 'nothing'}`,
        });
      if (!REF_TYPES.has(vt ?? '')) {
        hits.push({
          path: at(item, Tag.ValueType),
          message: `ValueType of an item with ReferencedSOPSequence must be IMAGE, WAVEFORM or COMPOSITE; found ${vt ?? 'nothing'}`,
        });
        continue;
      }
      if (refs.length !== 1) {
        hits.push({
          path: at(item, Tag.ReferencedSOPSequence),
          message: `ReferencedSOPSequence of a ${vt} item must hold one item; found ${refs.length}`,
        });
        continue;
      }
      const cls = v.d.str(refs[0]!, Tag.ReferencedSOPClassUID);
      if (cls !== undefined && vt === 'IMAGE' && referenceKind(cls) !== 'IMAGE') {
        hits.push({
          path: at(item, Tag.ValueType),
          message: `IMAGE item references ${cls}, which is not an image storage class (use ${referenceKind(cls)})`,
        });
      }
    }
    return hits;
  },
};
