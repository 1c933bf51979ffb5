import type { Rule } from '../../rule.ts';
import type { KosView } from '../view.ts';
import { Tag, TagKey } from '../../../protocols/dicom/tags.generated.ts';

export const seriesNumber: Rule<KosView> = {
  id: 'kos.series.number',
  reqIds: ['KOS-006'],
  severity: 'error',
  title: 'Series Number of the KOS series is valued',
  check(v) {
    return v.d.str(v.root, Tag.SeriesNumber) === undefined
      ? [{ path: TagKey.SeriesNumber, message: 'SeriesNumber is absent or empty (type 1)' }]
      : [];
  },
};
