import type { Rule, RuleHit } from '../../rule.ts';
import { at, evidenceSeries, type KosView } from '../view.ts';

export const seriesDescription: Rule<KosView> = {
  id: 'kos.series.description-date-time',
  reqIds: ['KOS-026'],
  severity: 'error',
  title: 'Each referenced series carries Series Description, Date and Time',
  check(v) {
    const hits: RuleHit[] = [];
    for (const s of evidenceSeries(v)) {
      for (const [tag, name] of [[0x0008103e, 'SeriesDescription'], [0x00080021, 'SeriesDate'], [0x00080031, 'SeriesTime']] as const) {
        if (!v.d.has(s, tag)) hits.push({ path: at(s, tag), message: `${name} is absent from a referenced series (MCWG type 2)` });
      }
      if (v.d.has(s, 0x00080021) && v.d.str(s, 0x00080021) === undefined) hits.push({ path: at(s, 0x00080021), severity: 'warning', message: 'SeriesDate is empty' });
    }
    return hits;
  },
};
