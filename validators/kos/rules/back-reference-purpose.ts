import type { Rule, RuleHit } from '../../rule.ts';
import { backReferences } from '../back-references.ts';
import { at, showCode, type KosCtx, type KosView } from '../view.ts';
import { Tag } from '../../../protocols/dicom/tags.generated.ts';

export const backReferencePurpose: Rule<KosView, KosCtx> = {
  id: 'kos.kin.back-reference-purpose',
  reqIds: ['KIN-006'],
  severity: 'error',
  title: 'A back-reference carries the KIN title (DCM, CID 7010) as Purpose of Reference',
  check(v, ctx) {
    const hits: RuleHit[] = [];
    for (const r of backReferences(v)) {
      if (!r.ref) continue;
      const p = r.purpose;
      if (p.value === undefined)
        hits.push({
          path: at(r.ref, Tag.PurposeOfReferenceCodeSequence),
          message: 'PurposeOfReferenceCodeSequence is absent or empty in a back-reference',
        });
      else if (p.scheme !== 'DCM' || !ctx.valueSets.contains('VS-KOS-TITLE', p.value)) {
        hits.push({
          path: `${at(r.ref, Tag.PurposeOfReferenceCodeSequence)}[0]`,
          message: `Purpose of reference must be a CID 7010 code (scheme DCM); found ${showCode(p)}`,
        });
      }
    }
    return hits;
  },
};
