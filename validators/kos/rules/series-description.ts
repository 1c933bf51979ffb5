import type { Rule, RuleHit } from '../../rule.ts';
import { at, evidenceSeries, type KosView } from '../view.ts';
import { Tag } from '../../../protocols/dicom/tags.generated.ts';

export const seriesDescription: Rule<KosView> = {
  id: 'kos.series.description-date-time',
  reqIds: ['KOS-026'],
  severity: 'error',
  title: 'Each referenced series carries Series Description, Date and Time',
  check(v) {
    const hits: RuleHit[] = [];
    for (const s of evidenceSeries(v)) {
      for (const [tag, name] of [
        [Tag.SeriesDescription, 'SeriesDescription'],
        [Tag.SeriesDate, 'SeriesDate'],
        [Tag.SeriesTime, 'SeriesTime'],
      ] as const) {
        if (!v.d.has(s, tag)) hits.push({ path: at(s, tag), message: `${name} is absent from a referenced series (MCWG type 2)` });
      }
      if (v.d.has(s, Tag.SeriesDate) && v.d.str(s, Tag.SeriesDate) === undefined)
        hits.push({ path: at(s, Tag.SeriesDate), severity: 'warning', message: 'SeriesDate is empty' });
    }
    return hits;
  },
};
