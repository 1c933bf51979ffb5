// The RIS receiver's protocol core: one framed message (or a framing error) in, the
// acknowledgements out. No sockets here; server.ts frames, calls this and records.
import { buildAck, type AckCode, type AckError } from '../../protocols/hl7v2/ack.ts';
import { charsetOf, peekMsh18, type Charset } from '../../protocols/hl7v2/charset.ts';
import { parseEr7, type ParseFailure } from '../../protocols/hl7v2/er7-parser.ts';
import { messageType, valueAt, type Hl7Message } from '../../protocols/hl7v2/message.ts';
import type { Finding } from '../../model/finding.ts';
import { STRUCTURES } from '../../validators/hl7v2/rules/message-type.ts';
import { SUPPORTED_VERSIONS } from '../../validators/hl7v2/rules/version.ts';
import { validateMessage } from '../../validators/hl7v2/validate.ts';
import type { AccessionEncoding } from '../../validators/hl7v2/accession-setting.ts';
import { ackCodesFor } from './ack-policy.ts';

export type RisStrictness = 'strict' | 'lenient';
/** Findings a lenient receiver records as warnings instead of refusing the message. */
const TOLERATED = new Set(['hl7.framing.segment-terminator']);

export interface RisCoreOptions {
  /** The deployment's accession setting (RIS-006; validators/hl7v2/accession-setting.ts). */
  accessionField?: string;
  accessionEncoding?: AccessionEncoding;
  accessionIssuerOid?: string;
  /**
   * 'strict' (default): every error finding answers AE. 'lenient': a message whose segments end
   * with LF instead of CR is still recorded with its finding, as a warning, and answered AA,
   * for a deployment that tolerates it while the sender is fixed.
   */
  strictness?: RisStrictness;
  application?: string;
  facility?: string;
  now?: () => Date;
}

export interface CoreReply {
  /** ACK texts in the order they go out; empty when the message asked for none. */
  acks: string[];
  charset: Charset;
  /** 'HL7 ORU^R01', or 'HL7 (unparsed)' */
  transaction: string;
  controlId: string;
  /** The decisive code: the application code, or AR for anything rejected. */
  code: AckCode;
  findings: Finding[];
  message?: Hl7Message;
}

const MAX_ERR = 20;
/** HL7 v2.5.1 MSH-10 / MSA-2 Message Control ID: ST, 20 characters; a longer one is echoed cut. */
export const CONTROL_ID_LENGTH = 20;
/** HL7 v2.5.1 ERR-8 User Message: TX, 250 characters. */
const ERR_TEXT_LENGTH = 250;

export function onFrame(bytes: Buffer, opts: RisCoreOptions = {}): CoreReply {
  // Cheap check before parsing: NUL is no HL7 character (v2.5.1 2.7: printable data and the
  // delimiters only); a receiver that keeps it stores a value no sender meant.
  const nul = bytes.indexOf(0);
  if (nul >= 0)
    return reject(bytes, { ok: false, code: 'segment', path: locate(bytes, nul), message: `NUL byte (0x00) at byte offset ${nul}` }, opts);
  const parsed = parseEr7(bytes);
  if (!parsed.ok) return reject(bytes, parsed, opts);
  const msg = parsed.message;
  const controlId = valueAt(msg, 'MSH-10');
  const type = messageType(msg);
  const transaction = `HL7 ${type || '(no MSH-9)'}`;
  const base = { charset: msg.charset, transaction, controlId, message: msg };
  const gate = admission(msg);
  if (gate) {
    return { ...base, code: 'AR', findings: [], acks: ackCodesFor(msg, 'AR').map((c) => ack(opts, c, controlId, msg, [gate])) };
  }
  const ctx = {
    accessionField: opts.accessionField ?? 'OBR-18',
    ...(opts.accessionEncoding ? { accessionEncoding: opts.accessionEncoding } : {}),
    ...(opts.accessionIssuerOid ? { accessionIssuerOid: opts.accessionIssuerOid } : {}),
  };
  const findings = validateMessage(msg, controlId || 'message', ctx, 'wire').map((f) =>
    opts.strictness === 'lenient' && TOLERATED.has(f.ruleId) ? { ...f, severity: 'warning' as const } : f,
  );
  const errors = findings
    .filter((f) => f.severity !== 'info')
    .slice(0, MAX_ERR)
    .map(toAckError);
  const appCode = findings.some((f) => f.severity === 'error') ? 'AE' : 'AA';
  return {
    ...base,
    code: appCode,
    findings,
    acks: ackCodesFor(msg, appCode).map((c) => ack(opts, c, controlId, msg, c === 'CA' ? [] : errors)),
  };
}

export type FramingProblem = 'junk' | 'truncated' | 'oversize';

/** A NAK for bytes that never made a whole frame; MSH-10 is recovered from the head when it can be. */
export function onFramingError(problem: FramingProblem, detail: string, head: Buffer | undefined, opts: RisCoreOptions = {}): CoreReply {
  const controlId = head ? peekControlId(head) : '';
  const text = `MLLP framing error (${problem}): ${detail}`;
  const charset = (head && charsetOf(peekMsh18(head))) || 'ascii';
  return {
    acks: [ack(opts, 'AR', controlId, undefined, [{ code: problem === 'oversize' ? '207' : '100', path: '', severity: 'E', text }])],
    charset,
    transaction: 'HL7 (framing error)',
    controlId,
    code: 'AR',
    findings: [],
  };
}

/** Reject before validation: what the receiver cannot process at all (HL7 table 0357 2xx). */
function admission(msg: Hl7Message): AckError | undefined {
  const type = messageType(msg);
  const knownCode = Object.keys(STRUCTURES).some((t) => t.startsWith(`${valueAt(msg, 'MSH-9.1')}^`));
  if (!STRUCTURES[type])
    return { code: knownCode ? '201' : '200', path: 'MSH-9', severity: 'E', text: `Unsupported message type ${JSON.stringify(type)}` };
  const version = valueAt(msg, 'MSH-12.1');
  if (!SUPPORTED_VERSIONS.includes(version))
    return {
      code: '203',
      path: 'MSH-12',
      severity: 'E',
      text: `Unsupported version ${JSON.stringify(version)}; expected ${SUPPORTED_VERSIONS.join(' or ')}`,
    };
  const pid = valueAt(msg, 'MSH-11.1');
  if (!['P', 'D', 'T'].includes(pid))
    return { code: '202', path: 'MSH-11', severity: 'E', text: `Unsupported processing ID ${JSON.stringify(pid)}` };
  return undefined;
}

function reject(bytes: Buffer, e: ParseFailure, opts: RisCoreOptions): CoreReply {
  const controlId = peekControlId(bytes);
  const charset = charsetOf(peekMsh18(bytes)) ?? 'ascii';
  const err: AckError = {
    code: e.code === 'charset' ? '102' : '100',
    path: /^[A-Z]{3}-/.test(e.path) ? e.path : '',
    severity: 'E',
    text: `Message does not parse: ${e.message}`,
  };
  return {
    acks: [ack(opts, 'AR', controlId, undefined, [err])],
    charset,
    transaction: 'HL7 (unparsed)',
    controlId,
    code: 'AR',
    findings: [],
  };
}

function toAckError(f: Finding): AckError {
  // Table 0357 has no "conformance" code: empty -> 101, out of table -> 103, any other wrong value -> 102.
  const code = /is (required and )?empty|requires a|missing|No /.test(f.message)
    ? '101'
    : f.ruleId === 'hl7.report.result-status'
      ? '103'
      : '102';
  return {
    code,
    path: f.location.path,
    severity: f.severity === 'error' ? 'E' : 'W',
    text: `${f.message} [${f.ruleId}; ${f.reqIds.join(',')}]`,
  };
}

function ack(opts: RisCoreOptions, code: AckCode, controlId: string, original: Hl7Message | undefined, errors: AckError[]): string {
  const cut = errors.map((e) => (e.text.length > ERR_TEXT_LENGTH ? { ...e, text: `${e.text.slice(0, ERR_TEXT_LENGTH - 1)}…` } : e));
  return buildAck({
    code,
    controlId: controlId.slice(0, CONTROL_ID_LENGTH),
    errors: cut,
    application: opts.application ?? 'MCWG-RIS-SIM',
    facility: opts.facility ?? 'MCWG',
    now: (opts.now ?? (() => new Date()))(),
    ...(original ? { original } : {}),
  });
}

/** MSH-10 read from raw bytes (MSH is ASCII), for NAKs of messages that do not parse. */
export function peekControlId(bytes: Buffer): string {
  const line =
    bytes
      .subarray(0, 4096)
      .toString('latin1')
      .split(/[\r\n]/, 1)[0] ?? '';
  if (!line.startsWith('MSH') || line.length < 4) return '';
  // Cut to the standard length before the check: a 1 MB control ID still gets its NAK matched.
  const v = (line.split(line[3]!)[9] ?? '').split(line[4] ?? '^')[0]!.slice(0, CONTROL_ID_LENGTH);
  return /^[\x20-\x7e]+$/.test(v) ? v : '';
}

/** 'PID-5' for a byte offset, from the segment it falls in (for ERR-2). */
function locate(bytes: Buffer, at: number): string {
  const before = bytes.subarray(0, at).toString('latin1');
  const seg = before.slice(Math.max(before.lastIndexOf('\r'), before.lastIndexOf('\n')) + 1);
  const name = seg.slice(0, 3);
  if (!/^[A-Z][A-Z0-9]{2}$/.test(name)) return '';
  const sep = bytes[3] === undefined ? '|' : String.fromCharCode(bytes[3]);
  const fields = seg.split(sep).length - 1;
  return `${name}-${name === 'MSH' ? fields + 1 : fields}`;
}
