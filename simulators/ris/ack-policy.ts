// Which acknowledgements a message gets (HL7 v2.5 Chapter 2.9). Original mode (MSH-15 and
// MSH-16 empty): one ACK with AA/AE/AR. Enhanced mode: an accept ACK (CA/CR) per MSH-15 and an
// application ACK (AA/AE/AR) per MSH-16, both sent back on the same connection.
import type { AckCode } from '../../protocols/hl7v2/ack.ts';
import { valueAt, type Hl7Message } from '../../protocols/hl7v2/message.ts';

type Condition = 'AL' | 'NE' | 'ER' | 'SU';

export function ackCodesFor(msg: Hl7Message, appCode: 'AA' | 'AE' | 'AR'): AckCode[] {
  const accept = valueAt(msg, 'MSH-15.1');
  const app = valueAt(msg, 'MSH-16.1');
  if (accept === '' && app === '') return [appCode];
  const acceptCode: AckCode = appCode === 'AR' ? 'CR' : 'CA';
  const out: AckCode[] = [];
  if (wanted(condition(accept), acceptCode === 'CA')) out.push(acceptCode);
  // A rejected message is never processed, so no application ACK follows a CR.
  if (acceptCode === 'CA' && wanted(condition(app), appCode === 'AA')) out.push(appCode);
  return out;
}

function condition(v: string): Condition {
  // Table 0155; an empty field in enhanced mode is read as "always".
  return v === 'NE' || v === 'ER' || v === 'SU' ? v : 'AL';
}

function wanted(c: Condition, success: boolean): boolean {
  return c === 'AL' || (c === 'SU' && success) || (c === 'ER' && !success);
}

export function isEnhancedMode(msg: Hl7Message): boolean {
  return valueAt(msg, 'MSH-15') !== '' || valueAt(msg, 'MSH-16') !== '';
}
