import type { Rule, RuleHit } from '../../rule.ts';
import { at, evidenceSeries, type KosCtx, type KosView } from '../view.ts';
import { Tag } from '../../../protocols/dicom/tags.generated.ts';

export const seriesModality: Rule<KosView, KosCtx> = {
  id: 'kos.series.modality',
  reqIds: ['KOS-025'],
  severity: 'error',
  title: 'Each referenced series carries its Modality from CID 33',
  check(v, ctx) {
    const hits: RuleHit[] = [];
    for (const s of evidenceSeries(v)) {
      const m = v.d.str(s, Tag.Modality);
      if (m === undefined)
        hits.push({ path: at(s, Tag.Modality), message: 'Modality is absent or empty in a referenced series (MCWG type 1)' });
      else if (!ctx.valueSets.contains('VS-MODALITY', m) && !ctx.valueSets.contains('VS-MODALITY-TECHNICAL', m)) {
        hits.push({ path: at(s, Tag.Modality), message: `Modality '${m}' is not a Defined Term of CID 33` });
      }
    }
    return hits;
  },
};
