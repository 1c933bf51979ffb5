import type { Rule, RuleHit } from '../../rule.ts';
import { at, issuerProblem, type KosView } from '../view.ts';

export const requestPlacer: Rule<KosView> = {
  id: 'kos.request.placer',
  reqIds: ['KOS-041'],
  severity: 'error',
  title: 'Each request item has a Placer Order Number, with its issuer when valued',
  check(v) {
    const hits: RuleHit[] = [];
    for (const item of v.d.items(v.root, 0x0040a370)) {
      if (!v.d.has(item, 0x00402016)) {
        hits.push({ path: at(item, 0x00402016), message: 'PlacerOrderNumberImagingServiceRequest is absent' });
        continue;
      }
      if (v.d.str(item, 0x00402016) === undefined) continue;
      const p = issuerProblem(v, item, 0x00400026, 'OrderPlacerIdentifierSequence');
      if (p) hits.push(p);
    }
    return hits;
  },
};
