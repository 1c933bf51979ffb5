import type { Rule } from '../../rule.ts';
import { isDicomUid } from '../datatypes.ts';
import { studyUids } from '../report-ids.ts';
import { forKinds, type Hl7View } from '../view.ts';

export const studyUidConveyed: Rule<Hl7View> = {
  id: 'hl7.report.study-uid',
  reqIds: ['RIS-007', 'LINK-002'],
  severity: 'error',
  title: 'The Study Instance UID travels in ZDS-1, IPC-3 or an OBX coded (110180, DCM), and is a valid UID',
  check(view) {
    return forKinds(view, ['report', 'order'], (m) => {
      const found = studyUids(m);
      const bad = found.filter((s) => !isDicomUid(s.uid));
      if (bad.length > 0)
        return bad.map((s) => ({ path: s.path, message: `${s.path} is not a valid DICOM UID: ${JSON.stringify(s.uid)}` }));
      if (found.length === 0)
        return [{ path: 'ZDS-1', message: 'No Study Instance UID: neither ZDS-1, IPC-3 nor an OBX coded (110180, DCM) is present' }];
      return [];
    });
  },
};
