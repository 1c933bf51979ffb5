import type { Rule } from '../../rule.ts';
import { KOS_SOP_CLASS } from '../../../protocols/dicom/sop-classes.ts';
import { at, evidenceSeries, type KosView } from '../view.ts';
import { Tag, TagKey } from '../../../protocols/dicom/tags.generated.ts';

export const ownSeries: Rule<KosView> = {
  id: 'kos.series.own',
  reqIds: ['KOS-005'],
  severity: 'error',
  title: 'The KOS sits in its own series, never in a referenced image series',
  check(v) {
    const own = v.d.str(v.root, Tag.SeriesInstanceUID);
    if (own === undefined) return [{ path: TagKey.SeriesInstanceUID, message: 'SeriesInstanceUID is absent or empty' }];
    return evidenceSeries(v)
      .filter((s) => v.d.str(s, Tag.SeriesInstanceUID) === own)
      .filter((s) => v.d.items(s, Tag.ReferencedSOPSequence).some((i) => v.d.str(i, Tag.ReferencedSOPClassUID) !== KOS_SOP_CLASS))
      .map((s) => ({
        path: at(s, Tag.SeriesInstanceUID),
        message: `SeriesInstanceUID ${own} of the KOS is also a referenced series holding non-KOS instances`,
      }));
  },
};
