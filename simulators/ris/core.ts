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

export function onFrame(bytes: Buffer, opts: RisCoreOptions = {}): CoreReply {
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
  const ctx = { accessionField: opts.accessionField ?? 'OBR-18', ...(opts.accessionEncoding ? { accessionEncoding: opts.accessionEncoding } : {}), ...(opts.accessionIssuerOid ? { accessionIssuerOid: opts.accessionIssuerOid } : {}) };
  const findings = validateMessage(msg, controlId || 'message', ctx, 'wire').map((f) =>
    opts.strictness === 'lenient' && TOLERATED.has(f.ruleId) ? { ...f, severity: 'warning' as const } : f,
  );
  const errors = findings.filter((f) => f.severity !== 'info').slice(0, MAX_ERR).map(toAckError);
  const appCode = findings.some((f) => f.severity === 'error') ? 'AE' : 'AA';
  return { ...base, code: appCode, findings, acks: ackCodesFor(msg, appCode).map((c) => ack(opts, c, controlId, msg, c === 'CA' ? [] : errors)) };
}

export type FramingProblem = 'junk' | 'truncated' | 'oversize';

/** A NAK for bytes that never made a whole frame; MSH-10 is recovered from the head when it can be. */
export function onFramingError(problem: FramingProblem, detail: string, head: Buffer | undefined, opts: RisCoreOptions = {}): CoreReply {
  const controlId = head ? peekControlId(head) : '';
  const text = `MLLP framing error (${problem}): ${detail}`;
  const charset = (head && charsetOf(peekMsh18(head))) || 'ascii';
  return { acks: [ack(opts, 'AR', controlId, undefined, [{ code: problem === 'oversize' ? '207' : '100', path: '', severity: 'E', text }])], charset, transaction: 'HL7 (framing error)', controlId, code: 'AR', findings: [] };
}

/** Reject before validation: what the receiver cannot process at all (HL7 table 0357 2xx). */
function admission(msg: Hl7Message): AckError | undefined {
  const type = messageType(msg);
  const knownCode = Object.keys(STRUCTURES).some((t) => t.startsWith(`${valueAt(msg, 'MSH-9.1')}^`));
  if (!STRUCTURES[type]) return { code: knownCode ? '201' : '200', path: 'MSH-9', severity: 'E', text: `Unsupported message type ${JSON.stringify(type)}` };
  const version = valueAt(msg, 'MSH-12.1');
  if (!SUPPORTED_VERSIONS.includes(version)) return { code: '203', path: 'MSH-12', severity: 'E', text: `Unsupported version ${JSON.stringify(version)}; expected ${SUPPORTED_VERSIONS.join(' or ')}` };
  const pid = valueAt(msg, 'MSH-11.1');
  if (!['P', 'D', 'T'].includes(pid)) return { code: '202', path: 'MSH-11', severity: 'E', text: `Unsupported processing ID ${JSON.stringify(pid)}` };
  return undefined;
}

function reject(bytes: Buffer, e: ParseFailure, opts: RisCoreOptions): CoreReply {
  const controlId = peekControlId(bytes);
  const charset = charsetOf(peekMsh18(bytes)) ?? 'ascii';
  const err: AckError = { code: e.code === 'charset' ? '102' : '100', path: /^[A-Z]{3}-/.test(e.path) ? e.path : '', severity: 'E', text: `Message does not parse: ${e.message}` };
  return { acks: [ack(opts, 'AR', controlId, undefined, [err])], charset, transaction: 'HL7 (unparsed)', controlId, code: 'AR', findings: [] };
}

function toAckError(f: Finding): AckError {
  // Table 0357 has no "conformance" code: empty -> 101, out of table -> 103, any other wrong value -> 102.
  const code = /is (required and )?empty|requires a|missing|No /.test(f.message) ? '101' : f.ruleId === 'hl7.report.result-status' ? '103' : '102';
  return { code, path: f.location.path, severity: f.severity === 'error' ? 'E' : 'W', text: `${f.message} [${f.ruleId}; ${f.reqIds.join(',')}]` };
}

function ack(opts: RisCoreOptions, code: AckCode, controlId: string, original: Hl7Message | undefined, errors: AckError[]): string {
  return buildAck({ code, controlId, errors, application: opts.application ?? 'MCWG-RIS-SIM', facility: opts.facility ?? 'MCWG', now: (opts.now ?? (() => new Date()))(), ...(original ? { original } : {}) });
}

/** MSH-10 read from raw bytes (MSH is ASCII), for NAKs of messages that do not parse. */
export function peekControlId(bytes: Buffer): string {
  const line = bytes.subarray(0, 2048).toString('latin1').split(/[\r\n]/, 1)[0] ?? '';
  if (!line.startsWith('MSH') || line.length < 4) return '';
  const v = line.split(line[3]!)[9] ?? '';
  return /^[\x20-\x7e]{1,199}$/.test(v) ? v.split(line[4] ?? '^')[0]! : '';
}
