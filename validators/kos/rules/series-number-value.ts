import type { Rule } from '../../rule.ts';
import { at, evidenceSeries, type KosView } from '../view.ts';
import { Tag } from '../../../protocols/dicom/tags.generated.ts';

export const seriesNumberValue: Rule<KosView> = {
  id: 'kos.series.number-value',
  reqIds: ['KOS-027'],
  severity: 'error',
  title: 'A referenced Series Number, when present, is an integer',
  check(v) {
    return evidenceSeries(v)
      .map((s) => ({ s, n: v.d.str(s, Tag.SeriesNumber) }))
      .filter(({ n }) => n !== undefined && !/^[+-]?\d+$/.test(n))
      .map(({ s, n }) => ({ path: at(s, Tag.SeriesNumber), message: `SeriesNumber '${n}' is not an IS integer` }));
  },
};
