import type { Rule } from '../../rule.ts';
import type { Hl7View } from '../view.ts';

export const segmentTerminator: Rule<Hl7View> = {
  id: 'hl7.framing.segment-terminator',
  reqIds: ['RIS-001'],
  severity: 'error',
  title: 'Segments end with CR (0x0D), not LF',
  check(view) {
    const ends = view.message?.lineEnds;
    if (!ends || ends === 'CR') return [];
    // HL7 v2 (2.5.1 section 2.5.1) ends every segment with CR. A file is checked as the message
    // it claims to be: a receiver that splits on CR only sees one long MSH segment.
    return [{ path: 'MSH', message: `Segments must end with CR (0x0D); found ${ends} line ends` }];
  },
};
