import type { Rule, RuleHit } from '../../rule.ts';
import { at, type KosView } from '../view.ts';
import { Tag, TagKey } from '../../../protocols/dicom/tags.generated.ts';

export const requestSequence: Rule<KosView> = {
  id: 'kos.request.sequence',
  reqIds: ['KOS-039'],
  severity: 'error',
  title: 'Referenced Request Sequence has one item per accession/placer pair of this study',
  check(v) {
    const items = v.d.items(v.root, Tag.ReferencedRequestSequence);
    if (items.length === 0)
      return [
        {
          path: TagKey.ReferencedRequestSequence,
          message: 'ReferencedRequestSequence is absent or empty; MCWG links each accession/order there',
        },
      ];
    const study = v.d.str(v.root, Tag.StudyInstanceUID);
    const hits: RuleHit[] = [];
    const pairs = new Set<string>();
    for (const item of items) {
      const st = v.d.str(item, Tag.StudyInstanceUID);
      if (st !== study)
        hits.push({
          path: at(item, Tag.StudyInstanceUID),
          message: `StudyInstanceUID ${st ?? '(absent)'} differs from the study ${study ?? '(absent)'}`,
        });
      if (!v.d.has(item, Tag.ReferencedStudySequence))
        hits.push({ path: at(item, Tag.ReferencedStudySequence), message: 'ReferencedStudySequence is absent (type 2: present, empty)' });
      const pair = `${v.d.str(item, Tag.AccessionNumber) ?? ''}|${v.d.str(item, Tag.PlacerOrderNumberImagingServiceRequest) ?? ''}`;
      if (pairs.has(pair)) hits.push({ path: item.path, message: `accession/placer pair ${pair.replace('|', ' / ')} is listed twice` });
      pairs.add(pair);
    }
    return hits;
  },
};
