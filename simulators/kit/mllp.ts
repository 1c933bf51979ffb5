// The MLLP counterpart of the HTTP kit: a simulator declares a table (message type ->
// transaction, handler) and one answer for bytes that never made a frame; the kit owns the net
// server, the framing, connection limits and the recording of every message in and out
// through the shared ExchangeRecorder. MLLP has no headers, so nothing here is redacted.
import net from 'node:net';
import tls, { type TLSSocket, type TlsOptions } from 'node:tls';
import { tlsInfo } from '../tls/tls-info.ts';
import type { Exchange, Payload, Simulator, TlsInfo } from '../../model/exchange.ts';
import { frameMllp, MllpFramer, type FramerEvent } from '../../protocols/hl7v2/mllp-framer.ts';
import { ExchangeRecorder, type ExchangeSink, type PayloadInput } from './recorder.ts';
import type { Endpoint } from './http.ts';

export const HL7_ER7 = 'x-application/hl7-v2+er7';

/** What a handler answers: the encoded acknowledgements in order and the transaction to file them under. */
export interface MllpReply {
  acks: Buffer[];
  transaction: string;
}

export interface MllpRow<H> {
  /** MSH-9.1^MSH-9.2, e.g. 'ORU^R01'. */
  messageType: string;
  transaction: string;
  handle: H;
}

export type FramingProblem = 'junk' | 'truncated' | 'oversize';
type FrameHandler = (bytes: Buffer) => MllpReply;

export interface MllpSimulator {
  readonly kind: 'mllp';
  name: string;
  rows: readonly MllpRow<FrameHandler>[];
  /** Frames whose MSH-9 no row names (the simulator NAKs them in its own terms). */
  unmatched: FrameHandler;
  /** The one error path: bytes that never made a frame, or a handler that threw. */
  framingError(problem: FramingProblem | 'internal', detail: string, head: Buffer | undefined): MllpReply;
  /** The printed endpoint line(s): transaction names shown with the mllp:// URL. */
  print: readonly string[];
}

export function defineMllpSimulator(def: Omit<MllpSimulator, 'kind'>): MllpSimulator {
  return { kind: 'mllp', ...def };
}

/** MSH-9.1^MSH-9.2 read from the raw bytes (MSH is ASCII), '' when there is none. */
export function peekMessageType(bytes: Buffer): string {
  const line = firstSegment(bytes, 0, 2048);
  if (!line.startsWith('MSH') || line.length < 8) return '';
  const field = line.split(line[3]!)[8] ?? '';
  return field
    .split(line[4] ?? '^')
    .slice(0, 2)
    .join('^');
}

interface PendingEvidence {
  /** The frame as received (its payload is built later), or a ready payload (framing errors). */
  request: Payload | Buffer;
  reply: MllpReply;
  sent: Buffer[];
  t0: number;
  done: number;
  error: string | undefined;
  from: string;
  /** The connection's TLS parameters (SEC-001/SEC-002 evidence), when it is TLS. */
  tls?: TlsInfo;
}

export interface MllpServerOptions {
  port?: number;
  host?: string;
  /** Largest message accepted (bytes); larger frames get the framing answer and are discarded. */
  maxFrameBytes?: number;
  /** Framing errors tolerated on one connection before it is closed. */
  maxProtocolErrors?: number;
  /** A connection with no bytes either way for this long is closed (default 120 s). */
  idleTimeoutMs?: number;
  /**
   * A frame begun (VT) but not ended (FS CR) within this long gets its AR NAK and the connection
   * is closed (default 30 s): a half-sent frame must not hold a connection and its buffer forever.
   */
  frameTimeoutMs?: number;
  recorder?: ExchangeRecorder;
  store?: ExchangeSink;
  onExchange?: (e: Exchange) => void;
  /** MLLP over TLS (simulators/tls tlsServerOptions; mutual TLS when a CA is set). */
  tls?: TlsOptions;
}

export interface RunningMllp extends Simulator {
  host: string;
  port: number;
  endpoints: Endpoint[];
  connections(): number;
  /** Exchanges recorded since start (exchanges() may hold only the newest: RecorderOptions.memoryLimit). */
  recorded(): number;
}

export async function startMllp(sim: MllpSimulator, opts: MllpServerOptions = {}): Promise<RunningMllp> {
  const host = opts.host ?? '127.0.0.1';
  const maxFrame = opts.maxFrameBytes ?? 4 * 1024 * 1024;
  const maxErrors = opts.maxProtocolErrors ?? 10;
  const root = opts.recorder ?? new ExchangeRecorder(opts.store ? { sink: opts.store } : {});
  const recorder = root.scope(opts.onExchange ? { onExchange: opts.onExchange } : {});
  const byType = new Map(sim.rows.map((r) => [r.messageType, r]));
  const sockets = new Set<net.Socket>();
  let url = '';
  const hl7 = (bytes: Buffer, extra: Partial<PayloadInput> = {}): Payload =>
    recorder.payload({ summary: firstLine(bytes), contentType: HL7_ER7, body: bytes, encoding: 'latin1', ...extra });
  // Evidence (hash, inline text, the Exchange) is built after the ACK went out, for every message
  // answered in one turn of the event loop together: the sender's next message does not wait
  // for it. Nothing is lost: exchanges() and stop() write what is pending first.
  let later: PendingEvidence[] = [];
  const writeEvidence = (): void => {
    const batch = later;
    later = [];
    for (const p of batch) {
      const ex = recorder.begin({
        transaction: p.reply.transaction,
        from: p.from,
        to: url,
        request: Buffer.isBuffer(p.request) ? hl7(p.request) : p.request,
        at: new Date(p.t0),
      });
      if (p.sent.length > 0)
        ex.response = hl7(p.sent.length === 1 ? p.sent[0]! : Buffer.concat(p.sent), { summary: firstLine(p.sent[0]!) });
      if (p.error !== undefined) ex.error = p.error;
      if (p.tls) ex.tls = p.tls;
      ex.durationMs = p.done - p.t0;
      recorder.record(ex);
    }
  };

  const onConnection = (socket: net.Socket): void => {
    sockets.add(socket);
    // A TLS connection's parameters go into each of its exchanges (SEC-001/SEC-002 evidence).
    const tlsParams = opts.tls ? tlsInfo(socket as TLSSocket) : undefined;
    const from = `mllp://${socket.remoteAddress}:${socket.remotePort}`;
    const framer = new MllpFramer({ maxFrameBytes: maxFrame });
    let errors = 0;
    let closed = false;
    socket.setTimeout(opts.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS, () => socket.destroy());
    let frameTimer: NodeJS.Timeout | undefined;
    let timedOut = false;
    const frameTimeout = opts.frameTimeoutMs ?? DEFAULT_FRAME_TIMEOUT_MS;
    const watchFrame = (): void => {
      if (!framer.inFrame || closed) {
        clearTimeout(frameTimer);
        frameTimer = undefined;
        return;
      }
      frameTimer ??= setTimeout(() => {
        frameTimer = undefined;
        if (closed || !framer.inFrame) return;
        // The frame so far is NAKed as truncated, then the connection closes: the sender resends.
        timedOut = true;
        for (const ev of framer.end()) handle(ev);
        closed = true;
        socket.end();
      }, frameTimeout);
    };
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      closed = true;
      clearTimeout(frameTimer);
      sockets.delete(socket);
    });
    const send = (reply: MllpReply): Buffer[] => {
      const out = reply.acks.map((a) => frameMllp(a));
      if (!closed && out.length > 0 && !socket.write(out.length === 1 ? out[0]! : Buffer.concat(out))) socket.pause();
      return out;
    };
    socket.on('drain', () => socket.resume());
    const record = (request: Payload | Buffer, reply: MllpReply, sent: Buffer[], t0: number, error?: string): void => {
      later.push({ request, reply, sent, t0, done: Date.now(), error, from, ...(tlsParams ? { tls: tlsParams } : {}) });
      if (later.length === 1) setImmediate(writeEvidence);
    };
    const handle = (ev: FramerEvent): void => {
      if (closed) return;
      const t0 = Date.now();
      if (ev.kind === 'frame') {
        let reply: MllpReply;
        try {
          reply = (byType.get(peekMessageType(ev.payload))?.handle ?? sim.unmatched)(ev.payload);
        } catch (err) {
          // Our defect, answered in protocol terms: the sender gets its NAK, we keep serving.
          process.stderr.write(
            `mcwg ${sim.name}: internal error on a ${peekMessageType(ev.payload) || 'frame'}: ${err instanceof Error ? err.stack : String(err)}\n`,
          );
          reply = sim.framingError('internal', `internal error: ${err instanceof Error ? err.message : String(err)}`, ev.payload);
        }
        record(ev.payload, reply, send(reply), t0);
        return;
      }
      if (ev.kind === 'junk' && ev.whitespace) return; // CR/LF between frames: tolerated
      const detail =
        timedOut && ev.kind === 'truncated'
          ? `frame of ${ev.bytes} byte(s) not ended (FS CR) within ${frameTimeout} ms; connection closed`
          : describe(ev, maxFrame);
      const reply = sim.framingError(ev.kind, detail, ev.kind === 'junk' ? undefined : ev.head);
      record(recorder.payload({ summary: detail, size: ev.bytes }), reply, send(reply), t0, detail);
      if (++errors >= maxErrors) {
        socket.end();
        closed = true;
      }
    };
    socket.on('data', (chunk: Buffer) => {
      for (const ev of framer.push(chunk)) handle(ev);
      watchFrame();
    });
    socket.on('end', () => {
      for (const ev of framer.end()) handle(ev);
      // Half-close from the peer: finish our writes, then close our side too.
      socket.end();
    });
  };
  // A refused handshake (no/unknown/expired client certificate) never reaches onConnection.
  const server = opts.tls
    ? tls.createServer({ ...opts.tls, allowHalfOpen: true, noDelay: true }, onConnection)
    : net.createServer({ allowHalfOpen: true, noDelay: true }, onConnection);
  server.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as net.AddressInfo).port;
  url = `${opts.tls ? 'mllps' : 'mllp'}://${host}:${port}`;
  let stopping: Promise<void> | undefined;
  return {
    url,
    host,
    port,
    endpoints: sim.print.map((transaction) => ({ transaction, url })),
    exchanges: () => {
      writeEvidence();
      return recorder.exchanges();
    },
    connections: () => sockets.size,
    recorded: () => {
      writeEvidence();
      return recorder.recorded();
    },
    stop() {
      stopping ??= new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }).then(() => {
        writeEvidence();
        return recorder.flush();
      });
      return stopping;
    },
  };
}

export const DEFAULT_IDLE_TIMEOUT_MS = 120_000;
export const DEFAULT_FRAME_TIMEOUT_MS = 30_000;

function describe(ev: Exclude<FramerEvent, { kind: 'frame' }>, max: number): string {
  switch (ev.kind) {
    case 'junk':
      return `${ev.bytes} byte(s) outside an MLLP frame (no VT 0x0B start block)`;
    case 'oversize':
      return `frame exceeds ${max} bytes; discarded`;
    case 'truncated':
      return ev.reason === 'new-start'
        ? `frame of ${ev.bytes} byte(s) has no FS CR end block before the next VT`
        : ev.reason === 'bad-trailer'
          ? `frame of ${ev.bytes} byte(s) ends with FS not followed by CR`
          : `connection closed inside a frame of ${ev.bytes} byte(s) (no FS CR end block)`;
  }
}

/** The first segment (MSH), for display. */
export function firstLine(bytes: Buffer): string {
  const start = bytes[0] === 0x0b ? 1 : 0;
  return firstSegment(bytes, start, 300 - start);
}

/** Bytes from `start` up to the first CR or LF (at most `max` bytes scanned), as latin1: one segment decoded, not the message. */
function firstSegment(bytes: Buffer, start: number, max: number): string {
  const stop = Math.min(bytes.length, start + max);
  let end = start;
  while (end < stop && bytes[end] !== 0x0d && bytes[end] !== 0x0a) end++;
  return bytes.toString('latin1', start, end);
}
