import type { Rule, RuleHit } from '../../rule.ts';
import { at, type KosView } from '../view.ts';
import { Tag } from '../../../protocols/dicom/tags.generated.ts';

// TID 2010: at most one Key Object Description (TEXT, CONTAINS); language (HAS CONCEPT MOD)
// and observer context (HAS OBS CONTEXT) items keep their relationship types.
export const contentContext: Rule<KosView> = {
  id: 'kos.content.context-items',
  reqIds: ['KOS-013'],
  severity: 'error',
  title: 'Key Object Description, language and observer context items are well formed',
  check(v) {
    const hits: RuleHit[] = [];
    let descriptions = 0;
    // An index loop, and the concept's value and scheme read without a code object: this
    // runs once per reference, cold, where for-of and an object per item allocate.
    const items = v.d.items(v.root, Tag.ContentSequence);
    for (let i = 0; i < items.length; i++) {
      const item = items[i]!;
      const cn = v.d.items(item, Tag.ConceptNameCodeSequence)[0];
      const value = cn && v.d.str(cn, Tag.CodeValue);
      const scheme = cn && v.d.str(cn, Tag.CodingSchemeDesignator);
      const rel = v.d.str(item, Tag.RelationshipType);
      const vt = v.d.str(item, Tag.ValueType);
      if (value === '113012' && scheme === 'DCM') {
        descriptions++;
        if (descriptions === 2)
          hits.push({
            path: at(item, Tag.ConceptNameCodeSequence),
            message: 'a second Key Object Description (113012, DCM) item; at most one is allowed',
          });
        if (vt !== 'TEXT')
          hits.push({ path: at(item, Tag.ValueType), message: `Key Object Description must be a TEXT item; found ${vt ?? 'nothing'}` });
        if (rel !== 'CONTAINS')
          hits.push({
            path: at(item, Tag.RelationshipType),
            message: `Key Object Description must use CONTAINS; found ${rel ?? 'nothing'}`,
          });
      } else if (value === '121049' && scheme === 'DCM' && rel !== 'HAS CONCEPT MOD') {
        hits.push({
          path: at(item, Tag.RelationshipType),
          message: `Language item (121049, DCM) must use HAS CONCEPT MOD; found ${rel ?? 'nothing'}`,
        });
      } else if (rel === 'HAS OBS CONTEXT' || rel === 'HAS CONCEPT MOD' || rel === 'CONTAINS') {
        continue;
      } else if (vt !== 'IMAGE' && vt !== 'WAVEFORM' && vt !== 'COMPOSITE') {
        hits.push({
          path: at(item, Tag.RelationshipType),
          message: `RelationshipType ${rel ?? '(absent)'} is not used by TID 2010 (CONTAINS, HAS OBS CONTEXT, HAS CONCEPT MOD)`,
        });
      }
    }
    return hits;
  },
};
