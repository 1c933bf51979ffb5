import type { Rule } from '../../rule.ts';
import type { KosView } from '../view.ts';

export const seriesNumber: Rule<KosView> = {
  id: 'kos.series.number',
  reqIds: ['KOS-006'],
  severity: 'error',
  title: 'Series Number of the KOS series is valued',
  check(v) {
    return v.d.str(v.root, 0x00200011) === undefined ? [{ path: '(0020,0011)', message: 'SeriesNumber is absent or empty (type 1)' }] : [];
  },
};
