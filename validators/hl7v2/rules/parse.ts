import type { Rule } from '../../rule.ts';
import type { Hl7View } from '../view.ts';

// A message that does not parse is one finding, so every other rule can stay silent.
export const parses: Rule<Hl7View> = {
  id: 'hl7.parse',
  reqIds: ['RIS-001', 'RIS-002', 'RIS-011'],
  severity: 'error',
  title: 'The message parses as ER7 with valid MSH-1/MSH-2 and the MSH-18 character set',
  check(view) {
    const e = view.parseError;
    if (!e) return [];
    const reqIds = e.code === 'charset' ? ['RIS-011'] : e.code === 'segment' ? ['RIS-001'] : ['RIS-002'];
    return [{ path: e.path, message: `Message does not parse: ${e.message}`, reqIds }];
  },
};
