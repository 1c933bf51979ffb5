import type { Rule } from '../../rule.ts';
import { reportIds } from '../report-ids.ts';
import { forKinds, type Hl7Ctx, type Hl7View } from '../view.ts';

export const linkOrder: Rule<Hl7View, Hl7Ctx> = {
  id: 'link.order',
  reqIds: ['LINK-004'],
  severity: 'error',
  title: "The report's placer order number is listed in the manifest's Referenced Request Sequence",
  check(view, ctx) {
    const kos = ctx.manifest;
    if (!kos) return [];
    return forKinds(view, ['report', 'order'], (m) => {
      const placer = reportIds(m, ctx.accessionField).placer;
      if (!placer?.id || kos.placerOrderNumbers.includes(placer.id)) return [];
      return [
        {
          path: 'OBR-2',
          message: `Placer order number ${JSON.stringify(placer.id)} is not in the manifest's requests (${kos.placerOrderNumbers.join(', ') || 'none'})`,
        },
      ];
    });
  },
};
