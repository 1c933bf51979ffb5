// The RIS as sender: sends ER7 messages over MLLP to a SUT, one at a time, and reads each
// ACK. Every message and its ACK (or the failure to get one) is an Exchange.
import net from 'node:net';
import tls, { type ConnectionOptions, type TLSSocket } from 'node:tls';
import type { TlsInfo } from '../../model/exchange.ts';
import { tlsInfo } from '../tls/tls-info.ts';
import { charsetOf, encode, peekMsh18 } from '../../protocols/hl7v2/charset.ts';
import { parseEr7 } from '../../protocols/hl7v2/er7-parser.ts';
import { MllpFramer, frameMllp } from '../../protocols/hl7v2/mllp-framer.ts';
import { messageType, valueAt, type Hl7Message } from '../../protocols/hl7v2/message.ts';
import type { Exchange } from '../../model/exchange.ts';
import { classifyUnreachable, describeUnreachable } from '../../model/transport.ts';
import { payload } from './server.ts';

export interface AckResult {
  raw: Buffer;
  message?: Hl7Message;
  /** MSA-1 */
  code: string;
  /** MSA-2; should equal the MSH-10 sent (RIS-003). */
  controlId: string;
  /** ERR-8 user messages, when any. */
  errors: string[];
}

export interface MllpClientOptions {
  host: string;
  port: number;
  timeoutMs?: number;
  maxFrameBytes?: number;
  /** MLLP over TLS (mllps://) with our client options (simulators/tls tlsClientOptions). */
  tls?: ConnectionOptions;
}

/** One connection; send() resolves with the next frame the peer returns. */
export class MllpClient {
  private socket: net.Socket | undefined;
  private readonly framer: MllpFramer;
  private readonly waiting: { resolve(b: Buffer): void; reject(e: Error): void }[] = [];
  private readonly frames: Buffer[] = [];
  private failure: Error | undefined;
  /** The TLS parameters once connected over TLS (evidence). */
  tlsInfo: TlsInfo | undefined;

  constructor(private readonly opts: MllpClientOptions) {
    this.framer = new MllpFramer({ maxFrameBytes: opts.maxFrameBytes ?? 16 * 1024 * 1024 });
  }

  async connect(): Promise<void> {
    const o = this.opts;
    const s = o.tls
      ? tls.connect({ ...o.tls, host: o.host, port: o.port, ...(/^[\d.]+$|:/.test(o.host) ? {} : { servername: o.host }) })
      : net.connect({ host: o.host, port: o.port, noDelay: true });
    await new Promise<void>((resolve, reject) => {
      s.once(o.tls ? 'secureConnect' : 'connect', resolve);
      s.once('error', reject);
    });
    if (o.tls) this.tlsInfo = tlsInfo(s as TLSSocket);
    s.on('data', (chunk: Buffer) => {
      for (const ev of this.framer.push(chunk)) if (ev.kind === 'frame') this.deliver(ev.payload);
    });
    s.on('error', (e) => this.fail(e));
    s.on('close', () => this.fail(new Error('connection closed by peer before the ACK')));
    this.socket = s;
  }

  /** Writes one framed message and waits for one framed reply. */
  send(message: Buffer): Promise<Buffer> {
    const s = this.socket;
    if (!s) return Promise.reject(new Error('not connected'));
    if (this.failure) return Promise.reject(this.failure);
    const reply = this.next();
    s.write(frameMllp(message));
    return reply;
  }

  /** The next frame from the peer (enhanced mode sends two ACKs). */
  next(): Promise<Buffer> {
    const ready = this.frames.shift();
    if (ready) return Promise.resolve(ready);
    return new Promise<Buffer>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ACK within ${this.opts.timeoutMs ?? 10_000} ms`)), this.opts.timeoutMs ?? 10_000);
      this.waiting.push({
        resolve: (b) => (clearTimeout(timer), resolve(b)),
        reject: (e) => (clearTimeout(timer), reject(e)),
      });
    });
  }

  close(): void {
    this.socket?.end();
    this.socket?.destroy();
  }

  private deliver(frame: Buffer): void {
    const w = this.waiting.shift();
    if (w) w.resolve(frame);
    else this.frames.push(frame);
  }

  private fail(e: Error): void {
    this.failure ??= e;
    for (const w of this.waiting.splice(0)) w.reject(e);
  }
}

export function readAck(raw: Buffer): AckResult {
  const r = parseEr7(raw);
  if (!r.ok) return { raw, code: '', controlId: '', errors: [`ACK does not parse: ${r.message}`] };
  const m = r.message;
  const errors = m.segments.filter((s) => s.name === 'ERR').map((_, i) => valueAt(m, `ERR[${i + 1}]-8`) || valueAt(m, `ERR[${i + 1}]-3.2`));
  return { raw, message: m, code: valueAt(m, 'MSA-1'), controlId: valueAt(m, 'MSA-2'), errors };
}

/** Encodes ER7 text in the character set its MSH-18 declares (UTF-8 when unknown). */
export function encodeEr7(text: string): Buffer {
  return encode(text, charsetOf(peekMsh18(Buffer.from(text.slice(0, 4096), 'latin1'))) ?? 'utf-8');
}

export interface SendResult {
  exchanges: Exchange[];
  acks: AckResult[];
}

/** Sends each message on one connection and collects the ACKs; never throws for a SUT failure. */
export async function sendHl7(target: MllpClientOptions, messages: readonly (string | Buffer)[]): Promise<SendResult> {
  const client = new MllpClient(target);
  const exchanges: Exchange[] = [];
  const acks: AckResult[] = [];
  const to = `${target.tls ? 'mllps' : 'mllp'}://${target.host}:${target.port}`;
  try {
    await client.connect();
  } catch (e) {
    // Refused or unresolvable: the SUT was never reached (the engine makes that 'error').
    const unreachable = classifyUnreachable(e, to);
    exchanges.push({
      id: 'send-0',
      at: new Date().toISOString(),
      transaction: 'HL7',
      from: 'mcwg',
      to,
      request: { size: 0 },
      error: `connect failed: ${unreachable ? describeUnreachable(unreachable) : (e as Error).message}`,
      ...(unreachable ? { unreachable } : {}),
    });
    return { exchanges, acks };
  }
  try {
    for (const [i, m] of messages.entries()) {
      const bytes = typeof m === 'string' ? encodeEr7(m) : m;
      const parsed = parseEr7(bytes);
      const transaction = parsed.ok ? `HL7 ${messageType(parsed.message)}` : 'HL7 (unparsed)';
      const t0 = Date.now();
      const base = {
        id: `send-${i + 1}`,
        at: new Date(t0).toISOString(),
        transaction,
        from: 'mcwg',
        to,
        request: payload(bytes, 64 * 1024, bytes.subarray(0, 200).toString('latin1').split('\r', 1)[0] ?? ''),
      };
      try {
        const raw = await client.send(bytes);
        acks.push(readAck(raw));
        exchanges.push({
          ...base,
          response: payload(raw, 64 * 1024, raw.subarray(0, 200).toString('latin1').split('\r', 1)[0] ?? ''),
          durationMs: Date.now() - t0,
          ...(client.tlsInfo ? { tls: client.tlsInfo } : {}),
        });
      } catch (e) {
        exchanges.push({ ...base, error: (e as Error).message, durationMs: Date.now() - t0 });
        break;
      }
    }
  } finally {
    client.close();
  }
  return { exchanges, acks };
}
