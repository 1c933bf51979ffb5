// A TLS server that checks the SUT as a TLS client (SEC-002, initiator side): it presents the
// certificate it is given (one from an unknown CA, an expired one, or the deployment's valid
// one) and records one exchange per connection saying whether the SUT went on past the
// handshake or refused it, and why. After a completed handshake it can pipe the connection to
// a plain upstream simulator on loopback, so a SUT talking to the valid one gets its real answer.
//
// The TLS layer is put on each accepted TCP socket by hand (not tls.createServer) so that the
// verdict can read the raw socket: how many bytes the SUT sent tells a connection that never
// carried a ClientHello (a port probe, a client that never started) from a refused handshake,
// which tls.Server reports alike as "socket hang up".
import { randomUUID } from 'node:crypto';
import { connect, createServer, type AddressInfo, type Socket } from 'node:net';
import { createSecureContext, TLSSocket } from 'node:tls';
import type { Exchange, Simulator } from '../../model/exchange.ts';
import { BCP195_CIPHERS } from './bcp195.ts';
import { tlsInfo } from './tls-info.ts';

export {
  clientHelloSeen,
  handshakeCompleted,
  judgeTrapConnection,
  notTls,
  type TrapCertificate,
} from './trap-verdict.ts';

export interface TlsTrapOptions {
  /** PEM certificate (chain) and key this server presents. */
  cert: string;
  key: string;
  /** The transaction name its exchanges carry, e.g. 'TLS server certificate: unknown CA'. */
  transaction: string;
  /** Where a completed connection is piped to (plain TCP on loopback); without it, it is closed. */
  upstream?: { host: string; port: number };
  /** 'https' or 'mllps': the scheme of the printed URL. */
  scheme?: string;
  /** Offer only TLS 1.0 and 1.1 (with the suites they need): a client must refuse (SEC-001). */
  legacy?: boolean;
  /** How long a started connection may take to finish its handshake (default 30 s). */
  handshakeTimeoutMs?: number;
  /** How long after the handshake the SUT may take to send its request or hang up (default 30 s). */
  requestTimeoutMs?: number;
}

/** What happened on one connection, as the exchange records it. */
interface Outcome {
  /** Bytes the SUT sent on the connection (TLS records included) when it was judged. */
  bytes: number;
  tls?: Exchange['tls'];
  error?: string;
  /** Shown to the tester only. */
  summary: string;
}

export async function startTlsTrap(o: TlsTrapOptions): Promise<Simulator> {
  const seen: Exchange[] = [];
  const sockets = new Set<Socket>();
  let url = '';
  const secureContext = createSecureContext({
    cert: o.cert,
    key: o.key,
    ...(o.legacy
      ? { minVersion: 'TLSv1' as const, maxVersion: 'TLSv1.1' as const, ciphers: 'DEFAULT:@SECLEVEL=0' }
      : { minVersion: 'TLSv1.2' as const, ciphers: BCP195_CIPHERS }),
  });
  const record = (from: string, x: Outcome) =>
    seen.push({
      id: randomUUID(),
      at: new Date().toISOString(),
      transaction: o.transaction,
      from,
      to: url,
      request: {
        summary: x.bytes > 0 ? `TLS ClientHello from ${from}` : `no TLS ClientHello from ${from}`,
        size: x.bytes,
      },
      response: { summary: x.summary, size: 0 },
      ...(x.tls ? { tls: x.tls } : {}),
      ...(x.error ? { error: x.error } : {}),
    });

  const server = createServer((raw) => {
    const from = `${raw.remoteAddress ?? '?'}:${raw.remotePort ?? '?'}`;
    sockets.add(raw);
    raw.on('close', () => sockets.delete(raw));
    // The SUT's own certificate is asked for the evidence but not judged here: refusing it
    // would hide whether the SUT refused ours.
    const t = new TLSSocket(raw, { isServer: true, secureContext, requestCert: true, rejectUnauthorized: false });
    sockets.add(t);
    let done = false;
    let secured = false;
    let failure: string | undefined;
    const judge = (x: Omit<Outcome, 'bytes'>) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      record(from, { ...x, bytes: raw.bytesRead });
    };
    const timer = setTimeout(() => {
      failure ??= `no completed handshake within ${o.handshakeTimeoutMs ?? 30_000} ms`;
      t.destroy();
    }, o.handshakeTimeoutMs ?? 30_000);
    // Either socket may report the failure (a reset reaches the raw one); none may go unhandled.
    const failed = (e: Error) => void (failure ??= e.message);
    raw.on('error', failed);
    t.on('error', failed);
    t.on('close', () => {
      sockets.delete(t);
      if (secured) return;
      if (raw.bytesRead === 0)
        return judge({ error: `the connection ended before any byte (${failure ?? 'closed'})`, summary: 'no ClientHello' });
      judge({ error: failure ?? 'the SUT closed the connection during the handshake', summary: 'handshake not completed' });
    });
    t.once('secure', () => {
      secured = true;
      clearTimeout(timer);
      const tls = tlsInfo(t);
      // A TLS 1.2 client that checks the server's certificate only after the handshake (Node's
      // does) completes it and then hangs up: it has refused, and sent nothing. So the verdict
      // waits for the request: data means the SUT accepted our certificate, a hang-up first means
      // it did not.
      t.once('data', () => judge({ tls, summary: `handshake completed (${tls.protocol ?? '?'}); the SUT sent its request` }));
      t.once('close', () =>
        judge({
          tls,
          error: 'the SUT closed the connection after the handshake without sending anything',
          summary: `handshake completed (${tls.protocol ?? '?'}), then closed by the SUT before any request`,
        }),
      );
      const idle = setTimeout(
        () => judge({ tls, summary: `handshake completed (${tls.protocol ?? '?'}); no request within the wait` }),
        o.requestTimeoutMs ?? 30_000,
      );
      t.once('close', () => clearTimeout(idle));
      if (!o.upstream) {
        t.once('data', () => t.end());
        t.resume();
        return;
      }
      const up = connect(o.upstream.port, o.upstream.host);
      sockets.add(up);
      up.on('close', () => sockets.delete(up));
      up.on('error', () => t.destroy());
      t.pipe(up).pipe(t);
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  url = `${o.scheme ?? 'https'}://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let stopped: Promise<void> | undefined;
  return {
    url,
    exchanges: () => [...seen],
    stop: () =>
      (stopped ??= new Promise<void>((ok) => {
        for (const s of sockets) s.destroy();
        server.close(() => ok());
      })),
  };
}
