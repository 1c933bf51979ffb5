import { messageType, valueAt } from '../../../protocols/hl7v2/message.ts';
import type { Rule } from '../../rule.ts';
import { forKinds, type Hl7View } from '../view.ts';
import { shown } from '../shown.ts';

const OBR25 = ['O', 'I', 'S', 'A', 'P', 'C', 'R', 'F', 'X', 'Y', 'Z']; // table 0123
const TXA17 = ['AU', 'DI', 'DO', 'IN', 'IP', 'LA', 'PA']; // table 0271

export const resultStatus: Rule<Hl7View> = {
  id: 'hl7.report.result-status',
  reqIds: ['RIS-004', 'RIS-005', 'RIS-009'],
  severity: 'error',
  title: 'OBR-25 (ORU) or TXA-17 (MDM) holds a result / completion status from its table',
  check(view) {
    return forKinds(view, ['report'], (m) => {
      const [path, table, reqIds] =
        messageType(m) === 'MDM^T02'
          ? (['TXA-17', TXA17, ['RIS-005', 'RIS-009']] as const)
          : (['OBR-25', OBR25, ['RIS-004', 'RIS-009']] as const);
      if (!m.segments.some((s) => s.name === path.slice(0, 3))) return [];
      const v = valueAt(m, `${path}.1`);
      if (v === '')
        return [
          {
            path,
            reqIds: [...reqIds],
            message: `${path} (status) is empty; the gateway cannot tell a final report from a preliminary one`,
          },
        ];
      if (!(table as readonly string[]).includes(v))
        return [{ path, reqIds: [...reqIds], message: `${path} must be one of ${table.join(', ')}; found ${shown(v)}` }];
      return [];
    });
  },
};
