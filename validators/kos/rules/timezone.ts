import type { Rule } from '../../rule.ts';
import type { KosView } from '../view.ts';
import { Tag, TagKey } from '../../../protocols/dicom/tags.generated.ts';

export const timezone: Rule<KosView> = {
  id: 'kos.timezone',
  reqIds: ['KOS-046'],
  severity: 'error',
  title: 'Timezone Offset From UTC is present and +HHMM/-HHMM',
  check(v) {
    const tz = v.d.str(v.root, Tag.TimezoneOffsetFromUTC);
    if (tz === undefined)
      return [
        {
          path: TagKey.TimezoneOffsetFromUTC,
          severity: 'warning',
          message: 'TimezoneOffsetFromUTC is absent; dates and times cannot be placed in UTC',
        },
      ];
    const m = /^[+-](\d{2})(\d{2})$/.exec(tz);
    return m && Number(m[1]) <= 14 && Number(m[2]) < 60
      ? []
      : [{ path: TagKey.TimezoneOffsetFromUTC, message: `TimezoneOffsetFromUTC must be +HHMM or -HHMM; found '${tz}'` }];
  },
};
