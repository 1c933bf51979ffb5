import { segmentsNamed, valueAt } from '../../../protocols/hl7v2/message.ts';
import type { Rule, RuleHit } from '../../rule.ts';
import { isTimestamp } from '../datatypes.ts';
import type { Hl7View } from '../view.ts';

const TS_FIELDS: [string, string[]][] = [
  ['MSH-7', ['RIS-002']],
  ['EVN-2', ['RIS-002']],
  ['PID-7', ['RIS-008']],
  ['OBR-7', ['RIS-004', 'RIS-008']],
  ['TXA-4', ['RIS-005']],
];

export const timestampsValid: Rule<Hl7View> = {
  id: 'hl7.datatype.ts',
  reqIds: ['RIS-002', 'RIS-004', 'RIS-005', 'RIS-008'],
  severity: 'error',
  title: 'TS/DTM fields are YYYY[MM[DD[HHMM[SS[.S]]]]][+/-ZZZZ]',
  check(view) {
    const m = view.message;
    if (!m) return [];
    const hits: RuleHit[] = [];
    for (const [path, reqIds] of TS_FIELDS) {
      if (segmentsNamed(m, path.slice(0, 3)).length === 0) continue;
      const v = valueAt(m, `${path}.1`);
      if (v !== '' && !isTimestamp(v)) hits.push({ path, reqIds, message: `${path} is not a valid HL7 timestamp: ${JSON.stringify(v)}` });
    }
    return hits;
  },
};
