import { messageType, valueAt } from '../../../protocols/hl7v2/message.ts';
import type { Rule } from '../../rule.ts';
import type { Hl7View } from '../view.ts';
import { shown } from '../shown.ts';

/** Message type -> message structure (HL7 v2.5 table 0354) for the flows MCWG uses. */
export const STRUCTURES: Record<string, string> = {
  'ORU^R01': 'ORU_R01',
  'MDM^T02': 'MDM_T02',
  'ORM^O01': 'ORM_O01',
  'OMI^O23': 'OMI_O23',
  'ADT^A04': 'ADT_A01',
  'ADT^A08': 'ADT_A01',
  'ADT^A40': 'ADT_A39',
};

export const messageTypeSupported: Rule<Hl7View> = {
  id: 'hl7.msh.message-type',
  reqIds: ['RIS-002'],
  severity: 'error',
  title: 'MSH-9 is a supported type with the matching message structure',
  check(view) {
    const m = view.message;
    if (!m || valueAt(m, 'MSH-9') === '') return [];
    const type = messageType(m);
    const structure = STRUCTURES[type];
    if (!structure)
      return [{ path: 'MSH-9', message: `MSH-9 ${JSON.stringify(type)} is not one of ${Object.keys(STRUCTURES).join(', ')}` }];
    const given = valueAt(m, 'MSH-9.3');
    if (given !== structure) return [{ path: 'MSH-9.3', message: `MSH-9.3 must be ${structure} for ${type}; found ${shown(given)}` }];
    return [];
  },
};
