import type { Rule } from '../../rule.ts';
import { at, evidenceSeries, type KosView } from '../view.ts';

export const seriesNumberValue: Rule<KosView> = {
  id: 'kos.series.number-value',
  reqIds: ['KOS-027'],
  severity: 'error',
  title: 'A referenced Series Number, when present, is an integer',
  check(v) {
    return evidenceSeries(v)
      .map((s) => ({ s, n: v.d.str(s, 0x00200011) }))
      .filter(({ n }) => n !== undefined && !/^[+-]?\d+$/.test(n))
      .map(({ s, n }) => ({ path: at(s, 0x00200011), message: `SeriesNumber '${n}' is not an IS integer` }));
  },
};
