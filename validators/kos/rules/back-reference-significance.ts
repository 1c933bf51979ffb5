import type { Rule, RuleHit } from '../../rule.ts';
import { backReferences } from '../back-references.ts';
import { at, showCode, type KosCtx, type KosView } from '../view.ts';
import { Tag } from '../../../protocols/dicom/tags.generated.ts';

// Rejection and manifest titles are not significance: they must not create flags.
export const backReferenceSignificance: Rule<KosView, KosCtx> = {
  id: 'kos.kin.significance-only',
  reqIds: ['KIN-010'],
  severity: 'warning',
  title: 'Only significance titles create back-references',
  check(v, ctx) {
    const hits: RuleHit[] = [];
    const codes = ctx.valueSets.get('VS-KOS-TITLE')?.codes ?? [];
    for (const r of backReferences(v)) {
      if (!r.ref || r.purpose.value === undefined) continue;
      const role = (codes.find((c) => c.code === r.purpose.value) as { role?: string } | undefined)?.role;
      if (role !== undefined && !role.startsWith('significance')) {
        hits.push({
          path: `${at(r.ref, Tag.PurposeOfReferenceCodeSequence)}[0]`,
          message: `back-reference with a ${role} title ${showCode(r.purpose)}: only significance titles flag images`,
        });
      }
    }
    return hits;
  },
};
