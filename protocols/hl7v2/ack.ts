// ACK / NAK messages (HL7 v2.5 Chapter 2.9 acknowledgements, 2.15.5 ERR). The replying
// application is the original receiver, so MSH-3..6 swap sender and receiver.
import { buildEr7, type FieldValue, type SegmentSpec } from './er7-builder.ts';
import { valueAt, type Hl7Message } from './message.ts';

/** MSA-1: original mode AA/AE/AR, enhanced accept acknowledgement CA/CE/CR. */
export type AckCode = 'AA' | 'AE' | 'AR' | 'CA' | 'CE' | 'CR';

export interface AckError {
  /** HL7 table 0357: 100 segment sequence, 101 required field missing, 102 data type, 103 table value, 200 unsupported message type, 201 event, 202 processing id, 203 version, 207 application internal error. */
  code: string;
  /** Location as 'PID-3', 'OBR[1]-18.2' or ''; written into ERR-2 (ERL). */
  path: string;
  severity: 'E' | 'W' | 'I';
  /** ERR-8 user message. */
  text: string;
}

const CODE_TEXT: Record<string, string> = {
  '0': 'Message accepted',
  '100': 'Segment sequence error',
  '101': 'Required field missing',
  '102': 'Data type error',
  '103': 'Table value not found',
  '200': 'Unsupported message type',
  '201': 'Unsupported event code',
  '202': 'Unsupported processing id',
  '203': 'Unsupported version id',
  '207': 'Application internal error',
};

export interface AckOptions {
  code: AckCode;
  controlId: string;
  /** The message being acknowledged, when it could be parsed. */
  original?: Hl7Message;
  errors?: readonly AckError[];
  /** Our own application / facility for MSH-3/4 when the original gave none. */
  application?: string;
  facility?: string;
  now?: Date;
}

export function buildAck(o: AckOptions): string {
  const orig = o.original;
  const get = (p: string) => (orig ? valueAt(orig, p) : '');
  const event = get('MSH-9.2');
  const msh: SegmentSpec = [
    'MSH',
    get('MSH-5') || o.application || 'MCWG',
    get('MSH-6') || o.facility || '',
    get('MSH-3'),
    get('MSH-4'),
    hl7Timestamp(o.now ?? new Date()),
    undefined,
    event ? ['ACK', event, 'ACK'] : ['ACK', '', 'ACK'],
    `ACK${o.controlId}`.slice(0, 199),
    get('MSH-11.1') || 'P',
    get('MSH-12.1') || '2.5',
    undefined,
    undefined,
    undefined,
    undefined,
    undefined,
    orig?.declaredCharset || undefined,
  ];
  const segs: SegmentSpec[] = [msh, ['MSA', o.code, o.controlId]];
  for (const e of o.errors ?? [])
    segs.push([
      'ERR',
      undefined,
      erl(e.path),
      [e.code, CODE_TEXT[e.code] ?? '', 'HL70357'],
      e.severity,
      undefined,
      undefined,
      undefined,
      e.text,
    ]);
  return buildEr7(segs);
}

/** ERR-2 (ERL): segment ID ^ sequence ^ field ^ repetition ^ component ^ subcomponent. */
function erl(path: string): FieldValue {
  const m = /^([A-Z][A-Z0-9]{2})(?:\[(\d+)\])?(?:-(\d+)(?:\[(\d+)\])?(?:\.(\d+))?(?:\.(\d+))?)?/.exec(path);
  if (!m) return undefined;
  return [m[1]!, m[2] ?? '1', m[3] ?? '', m[3] ? (m[4] ?? '1') : '', m[5] ?? '', m[6] ?? ''];
}

export function hl7Timestamp(d: Date): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}+0000`;
}
