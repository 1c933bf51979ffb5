import type { Rule } from '../../rule.ts';
import { KOS_SOP_CLASS } from '../../../protocols/dicom/sop-classes.ts';
import { at, evidenceSeries, type KosView } from '../view.ts';

export const ownSeries: Rule<KosView> = {
  id: 'kos.series.own',
  reqIds: ['KOS-005'],
  severity: 'error',
  title: 'The KOS sits in its own series, never in a referenced image series',
  check(v) {
    const own = v.d.str(v.root, 0x0020000e);
    if (own === undefined) return [{ path: '(0020,000E)', message: 'SeriesInstanceUID is absent or empty' }];
    return evidenceSeries(v)
      .filter((s) => v.d.str(s, 0x0020000e) === own)
      .filter((s) => v.d.items(s, 0x00081199).some((i) => v.d.str(i, 0x00081150) !== KOS_SOP_CLASS))
      .map((s) => ({ path: at(s, 0x0020000e), message: `SeriesInstanceUID ${own} of the KOS is also a referenced series holding non-KOS instances` }));
  },
};
