import { component, repetitions, segmentsNamed, messageType } from '../../../protocols/hl7v2/message.ts';
import type { Rule, RuleHit } from '../../rule.ts';
import { forKinds, type Hl7View } from '../view.ts';
import { shown } from '../shown.ts';

const TEXT_TYPES = ['TX', 'FT', 'ST'];
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

export const reportBody: Rule<Hl7View> = {
  id: 'hl7.report.body',
  reqIds: ['RIS-004', 'RIS-005'],
  severity: 'error',
  title: 'The report has an OBX with text (TX/FT/ST) or an encapsulated PDF (ED, Base64)',
  check(view) {
    return forKinds(view, ['report'], (m) => {
      const reqIds = messageType(m) === 'MDM^T02' ? ['RIS-005'] : ['RIS-004'];
      const hits: RuleHit[] = [];
      let bodies = 0;
      segmentsNamed(m, 'OBX').forEach((seg, i) => {
        const at = `OBX[${i + 1}]`;
        const type = component(m, seg.fields[2] ?? '', 1);
        const values = repetitions(m, seg, 5);
        if (TEXT_TYPES.includes(type)) {
          if (values.some((v) => v.trim() !== '')) bodies++;
        } else if (type === 'ED') {
          const ed = values[0] ?? '';
          const [sub, enc, data] = [component(m, ed, 3), component(m, ed, 4), component(m, ed, 5)];
          if (sub.toUpperCase() !== 'PDF')
            hits.push({ path: `${at}-5.3`, reqIds, message: `${at}-5.3 (ED subtype) must be PDF; found ${shown(sub)}` });
          else if (enc !== 'Base64')
            hits.push({ path: `${at}-5.4`, reqIds, message: `${at}-5.4 (ED encoding) must be Base64; found ${shown(enc)}` });
          else if (!BASE64.test(data) || data.length % 4 !== 0)
            hits.push({ path: `${at}-5.5`, reqIds, message: `${at}-5.5 is not valid Base64 (${data.length} characters)` });
          else if (!Buffer.from(data.slice(0, 8), 'base64').toString('latin1').startsWith('%PDF'))
            hits.push({ path: `${at}-5.5`, reqIds, message: `${at}-5.5 does not decode to a PDF (no %PDF header)` });
          else bodies++;
        }
      });
      if (bodies === 0 && hits.length === 0)
        hits.push({ path: 'OBX', reqIds, message: 'No OBX carries report text (TX/FT/ST with a value) or an encapsulated PDF (ED)' });
      return hits;
    });
  },
};
