import type { Rule, RuleHit } from '../../rule.ts';
import { at, type KosView } from '../view.ts';
import { Tag } from '../../../protocols/dicom/tags.generated.ts';

export const evidenceSeries: Rule<KosView> = {
  id: 'kos.evidence.series',
  reqIds: ['KOS-016'],
  severity: 'error',
  title: 'Referenced Series Sequence is not empty; each series UID is present and listed once',
  check(v) {
    const hits: RuleHit[] = [];
    for (const study of v.d.items(v.root, Tag.CurrentRequestedProcedureEvidenceSequence)) {
      const series = v.d.items(study, Tag.ReferencedSeriesSequence);
      if (series.length === 0)
        hits.push({ path: at(study, Tag.ReferencedSeriesSequence), message: 'ReferencedSeriesSequence is absent or empty' });
      const seen = new Set<string>();
      for (const s of series) {
        const uid = v.d.str(s, Tag.SeriesInstanceUID);
        if (uid === undefined)
          hits.push({ path: at(s, Tag.SeriesInstanceUID), message: 'SeriesInstanceUID is absent or empty in a referenced series' });
        else if (seen.has(uid))
          hits.push({ path: at(s, Tag.SeriesInstanceUID), message: `series ${uid} is listed twice; merge its instances into one item` });
        else seen.add(uid);
      }
    }
    return hits;
  },
};
