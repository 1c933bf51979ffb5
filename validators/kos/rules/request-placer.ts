import type { Rule, RuleHit } from '../../rule.ts';
import { at, issuerProblem, type KosView } from '../view.ts';
import { Tag } from '../../../protocols/dicom/tags.generated.ts';

export const requestPlacer: Rule<KosView> = {
  id: 'kos.request.placer',
  reqIds: ['KOS-041'],
  severity: 'error',
  title: 'Each request item has a Placer Order Number, with its issuer when valued',
  check(v) {
    const hits: RuleHit[] = [];
    for (const item of v.d.items(v.root, Tag.ReferencedRequestSequence)) {
      if (!v.d.has(item, Tag.PlacerOrderNumberImagingServiceRequest)) {
        hits.push({
          path: at(item, Tag.PlacerOrderNumberImagingServiceRequest),
          message: 'PlacerOrderNumberImagingServiceRequest is absent',
        });
        continue;
      }
      if (v.d.str(item, Tag.PlacerOrderNumberImagingServiceRequest) === undefined) continue;
      const p = issuerProblem(v, item, Tag.OrderPlacerIdentifierSequence, 'OrderPlacerIdentifierSequence');
      if (p) hits.push(p);
    }
    return hits;
  },
};
