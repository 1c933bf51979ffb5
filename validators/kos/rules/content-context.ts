import type { Rule, RuleHit } from '../../rule.ts';
import { at, codeOf, type KosView } from '../view.ts';
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
    for (const item of v.d.items(v.root, Tag.ContentSequence)) {
      const concept = codeOf(v, v.d.items(item, Tag.ConceptNameCodeSequence)[0]);
      const rel = v.d.str(item, Tag.RelationshipType);
      const vt = v.d.str(item, Tag.ValueType);
      if (concept.value === '113012' && concept.scheme === 'DCM') {
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
      } else if (concept.value === '121049' && concept.scheme === 'DCM' && rel !== 'HAS CONCEPT MOD') {
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
