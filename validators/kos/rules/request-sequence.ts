import type { Rule, RuleHit } from '../../rule.ts';
import { at, type KosView } from '../view.ts';

export const requestSequence: Rule<KosView> = {
  id: 'kos.request.sequence',
  reqIds: ['KOS-039'],
  severity: 'error',
  title: 'Referenced Request Sequence has one item per accession/placer pair of this study',
  check(v) {
    const items = v.d.items(v.root, 0x0040a370);
    if (items.length === 0) return [{ path: '(0040,A370)', message: 'ReferencedRequestSequence is absent or empty; MCWG links each accession/order there' }];
    const study = v.d.str(v.root, 0x0020000d);
    const hits: RuleHit[] = [];
    const pairs = new Set<string>();
    for (const item of items) {
      const st = v.d.str(item, 0x0020000d);
      if (st !== study) hits.push({ path: at(item, 0x0020000d), message: `StudyInstanceUID ${st ?? '(absent)'} differs from the study ${study ?? '(absent)'}` });
      if (!v.d.has(item, 0x00081110)) hits.push({ path: at(item, 0x00081110), message: 'ReferencedStudySequence is absent (type 2: present, empty)' });
      const pair = `${v.d.str(item, 0x00080050) ?? ''}|${v.d.str(item, 0x00402016) ?? ''}`;
      if (pairs.has(pair)) hits.push({ path: item.path, message: `accession/placer pair ${pair.replace('|', ' / ')} is listed twice` });
      pairs.add(pair);
    }
    return hits;
  },
};
