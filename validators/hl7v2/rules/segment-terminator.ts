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
    // Files on disk are often re-saved by editors; on the wire LF is a real defect.
    return [{ path: 'MSH', message: `Segments must end with CR (0x0D); found ${ends} line ends`, ...(view.source === 'file' ? { severity: 'warning' as const } : {}) }];
  },
};
