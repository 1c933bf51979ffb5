import type { Rule, RuleHit } from '../../rule.ts';
import { at, type KosView } from '../view.ts';

export const evidenceSeries: Rule<KosView> = {
  id: 'kos.evidence.series',
  reqIds: ['KOS-016'],
  severity: 'error',
  title: 'Referenced Series Sequence is not empty; each series UID is present and listed once',
  check(v) {
    const hits: RuleHit[] = [];
    for (const study of v.d.items(v.root, 0x0040a375)) {
      const series = v.d.items(study, 0x00081115);
      if (series.length === 0) hits.push({ path: at(study, 0x00081115), message: 'ReferencedSeriesSequence is absent or empty' });
      const seen = new Set<string>();
      for (const s of series) {
        const uid = v.d.str(s, 0x0020000e);
        if (uid === undefined) hits.push({ path: at(s, 0x0020000e), message: 'SeriesInstanceUID is absent or empty in a referenced series' });
        else if (seen.has(uid)) hits.push({ path: at(s, 0x0020000e), message: `series ${uid} is listed twice; merge its instances into one item` });
        else seen.add(uid);
      }
    }
    return hits;
  },
};
