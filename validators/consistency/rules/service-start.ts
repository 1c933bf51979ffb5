// serviceStartTime agrees with the manifest Study Date/Time. DICOM times are local and
// XDS DTM is UTC, so the day must match and the time may differ by the zone offset (< 15 h).
import { slotOf, valuePath } from '../../../protocols/ebrim/index.ts';
import { fhirPathFor, xpathFor } from '../../../protocols/fhir/index.ts';
import type { Rule } from '../../rule.ts';
import type { ManifestEntryView } from '../view.ts';

export const kosServiceStart: Rule<ManifestEntryView, unknown> = {
  id: 'consistency.kos.service-start',
  reqIds: ['META-044', 'META-018'],
  severity: 'error',
  title: 'serviceStartTime agrees with the Study Date and Time',
  check({ facts, entry, origin }) {
    if (!facts.studyDate) return [];
    const slot = slotOf(entry, 'serviceStartTime');
    const v = slot?.values[0];
    const path = slot
      ? valuePath(slot, 0)
      : origin === 'fhir'
        ? fhirPathFor(entry.path, 'serviceStartTime')
        : xpathFor(entry.path, 'serviceStartTime');
    if (!v) return [{ path, message: `serviceStartTime is missing; the manifest's Study Date is ${facts.studyDate}` }];
    const local = Date.UTC(
      +facts.studyDate.slice(0, 4),
      +facts.studyDate.slice(4, 6) - 1,
      +facts.studyDate.slice(6, 8),
      +(facts.studyTime?.slice(0, 2) || 0),
      +(facts.studyTime?.slice(2, 4) || 0),
    );
    const utc = Date.UTC(+v.slice(0, 4), +(v.slice(4, 6) || 1) - 1, +(v.slice(6, 8) || 1), +(v.slice(8, 10) || 0), +(v.slice(10, 12) || 0));
    const hours = Math.abs(local - utc) / 3_600_000;
    if (v.length >= 8 && hours <= 14) return [];
    return [
      {
        path,
        message: `serviceStartTime ${v} does not agree with Study Date/Time ${facts.studyDate}${facts.studyTime ?? ''} (more than a time-zone offset apart)`,
      },
    ];
  },
};
