import { messageType } from '../../../protocols/hl7v2/message.ts';
import type { Rule } from '../../rule.ts';
import type { Hl7View } from '../view.ts';

// Required segments of each structure in their order (HL7 v2.5 Chapters 3, 4, 7, 9); optional
// and Z-segments may appear between them.
const REQUIRED: Record<string, { segments: string[]; reqIds: string[] }> = {
  'ORU^R01': { segments: ['MSH', 'PID', 'OBR', 'OBX'], reqIds: ['RIS-004'] },
  'MDM^T02': { segments: ['MSH', 'EVN', 'PID', 'PV1', 'TXA', 'OBX'], reqIds: ['RIS-005'] },
  'ORM^O01': { segments: ['MSH', 'PID', 'ORC', 'OBR'], reqIds: ['RIS-002'] },
  'OMI^O23': { segments: ['MSH', 'PID', 'ORC', 'TQ1', 'OBR', 'IPC'], reqIds: ['RIS-002'] },
  'ADT^A04': { segments: ['MSH', 'EVN', 'PID', 'PV1'], reqIds: ['RIS-002'] },
  'ADT^A08': { segments: ['MSH', 'EVN', 'PID', 'PV1'], reqIds: ['RIS-002'] },
  'ADT^A40': { segments: ['MSH', 'EVN', 'PID', 'MRG'], reqIds: ['RIS-002'] },
};

export const structureSegments: Rule<Hl7View> = {
  id: 'hl7.structure.segments',
  reqIds: ['RIS-002', 'RIS-004', 'RIS-005'],
  severity: 'error',
  title: 'The required segments of the message structure are present and in order',
  check(view) {
    const m = view.message;
    const spec = m && REQUIRED[messageType(m)];
    if (!m || !spec) return [];
    const names = m.segments.map((s) => s.name);
    let at = 0;
    for (const seg of spec.segments) {
      const found = names.indexOf(seg, at);
      if (found < 0) {
        const anywhere = names.includes(seg);
        return [
          {
            path: seg,
            reqIds: spec.reqIds,
            message: anywhere
              ? `${seg} is out of order for ${messageType(m)} (expected ${spec.segments.join(', ')})`
              : `${messageType(m)} requires a ${seg} segment; none found`,
          },
        ];
      }
      at = found + 1;
    }
    return [];
  },
};
