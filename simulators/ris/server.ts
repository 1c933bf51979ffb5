// The RIS simulator's MLLP adapter: frames bytes, hands each frame (or framing error) to the
// core, writes the ACKs and records every message in and out as an Exchange.
import { createHash } from 'node:crypto';
import net from 'node:net';
import { encode } from '../../protocols/hl7v2/charset.ts';
import { MllpFramer, frameMllp, type FramerEvent } from '../../protocols/hl7v2/mllp-framer.ts';
import type { Exchange, Payload, Simulator } from '../../model/exchange.ts';
import { onFrame, onFramingError, type CoreReply, type RisCoreOptions } from './core.ts';

export interface RisOptions extends RisCoreOptions {
  port?: number;
  host?: string;
  /** Largest message accepted (bytes); larger frames get a NAK and are discarded. */
  maxFrameBytes?: number;
  /** Framing errors tolerated on one connection before it is closed. */
  maxProtocolErrors?: number;
  idleTimeoutMs?: number;
  /** Bodies up to this size are kept inline in the evidence; larger ones by hash only. */
  inlineBodyBytes?: number;
}

export interface RisSimulator extends Simulator {
  host: string;
  port: number;
  /** Connections currently open. */
  connections(): number;
}

export async function startRis(opts: RisOptions = {}): Promise<RisSimulator> {
  const host = opts.host ?? '127.0.0.1';
  const maxFrame = opts.maxFrameBytes ?? 4 * 1024 * 1024;
  const maxErrors = opts.maxProtocolErrors ?? 10;
  const inline = opts.inlineBodyBytes ?? 64 * 1024;
  const exchanges: Exchange[] = [];
  const sockets = new Set<net.Socket>();
  let seq = 0;
  let url = '';

  const record = (from: string, request: Payload, reply: CoreReply, acks: Buffer[], startedAt: number, error?: string): void => {
    const response = acks.length > 0 ? payload(Buffer.concat(acks), inline, summaryOf(acks[0]!)) : undefined;
    exchanges.push({
      id: `ris-${++seq}`,
      at: new Date(startedAt).toISOString(),
      transaction: reply.transaction,
      from,
      to: url,
      request,
      ...(response ? { response } : {}),
      ...(error ? { error } : {}),
      durationMs: Date.now() - startedAt,
    });
  };

  const server = net.createServer({ allowHalfOpen: true, noDelay: true }, (socket) => {
    sockets.add(socket);
    const from = `mllp://${socket.remoteAddress}:${socket.remotePort}`;
    const framer = new MllpFramer({ maxFrameBytes: maxFrame });
    let errors = 0;
    let closed = false;
    socket.setTimeout(opts.idleTimeoutMs ?? 120_000, () => socket.destroy());
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      closed = true;
      sockets.delete(socket);
    });

    const send = (reply: CoreReply): Buffer[] => {
      const out = reply.acks.map((a) => frameMllp(encode(a, reply.charset)));
      if (!closed && out.length > 0 && !socket.write(out.length === 1 ? out[0]! : Buffer.concat(out))) socket.pause();
      return out;
    };
    socket.on('drain', () => socket.resume());

    const handle = (ev: FramerEvent): void => {
      if (closed) return;
      const t0 = Date.now();
      if (ev.kind === 'frame') {
        let reply: CoreReply;
        try {
          reply = onFrame(ev.payload, opts);
        } catch (err) {
          // Our defect, answered in protocol terms: the sender gets AR, we keep serving.
          reply = onFramingError('truncated', `internal error: ${err instanceof Error ? err.message : String(err)}`, ev.payload, opts);
        }
        record(from, payload(ev.payload, inline, summaryOf(ev.payload)), reply, send(reply), t0);
        return;
      }
      if (ev.kind === 'junk' && ev.whitespace) return; // CR/LF between frames: tolerated
      const detail = describe(ev, maxFrame);
      const reply = onFramingError(ev.kind, detail, ev.kind === 'junk' ? undefined : ev.head, opts);
      record(from, { size: ev.bytes, summary: detail }, reply, send(reply), t0, detail);
      if (++errors >= maxErrors) {
        socket.end();
        closed = true;
      }
    };

    socket.on('data', (chunk: Buffer) => {
      for (const ev of framer.push(chunk)) handle(ev);
    });
    socket.on('end', () => {
      for (const ev of framer.end()) handle(ev);
      // Half-close from the peer: finish our writes, then close our side too.
      socket.end();
    });
  });
  server.on('error', () => undefined);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as net.AddressInfo).port;
  url = `mllp://${host}:${port}`;
  let stopping: Promise<void> | undefined;

  return {
    url,
    host,
    port,
    exchanges: () => [...exchanges],
    connections: () => sockets.size,
    stop() {
      stopping ??= new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      });
      return stopping;
    },
  };
}

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

export function payload(bytes: Buffer, inline: number, summary: string): Payload {
  return {
    summary,
    size: bytes.length,
    contentType: 'x-application/hl7-v2+er7',
    sha256: createHash('sha256').update(bytes).digest('hex'),
    ...(bytes.length <= inline ? { body: bytes.toString('latin1') } : {}),
  };
}

function summaryOf(bytes: Buffer): string {
  const first = bytes.subarray(0, 300).toString('latin1').replace(/^\x0b/, '');
  return first.split(/[\r\n]/, 1)[0] ?? '';
}
