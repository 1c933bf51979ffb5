// A TLS server that checks the SUT as a TLS client (SEC-002, initiator side): it presents the
// certificate it is given (one from an unknown CA, an expired one, or the deployment's valid
// one) and records one exchange per connection saying whether the SUT completed the handshake
// or refused it, and why. After a completed handshake it can pipe the connection to a plain
// upstream simulator on loopback, so a SUT talking to the valid one gets its real answer.
import { randomUUID } from 'node:crypto';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { createServer, type TLSSocket } from 'node:tls';
import type { Exchange, Simulator } from '../../model/exchange.ts';
import type { Finding } from '../../model/finding.ts';
import { BCP195_CIPHERS } from './bcp195.ts';
import { tlsInfo } from './tls-info.ts';

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
}

/** What a ClientHello that is no TLS at all looks like to OpenSSL (plain HTTP or MLLP sent to us). */
const NOT_TLS = /wrong version number|http request|unknown protocol|packet length too long|unsupported protocol/i;

/** Whether a recorded connection shows the SUT completed the handshake (accepted our certificate). */
export const handshakeCompleted = (e: Exchange): boolean => e.tls?.protocol !== undefined && !e.error;
/** Whether the connection was not TLS at all (the SUT sent plaintext to a TLS endpoint). */
export const notTls = (e: Exchange): boolean => NOT_TLS.test(e.error ?? '');

export async function startTlsTrap(o: TlsTrapOptions): Promise<Simulator> {
  const seen: Exchange[] = [];
  const sockets = new Set<Socket>();
  let url = '';
  const record = (socket: Socket, outcome: { tls?: Exchange['tls']; error?: string }) => {
    const from = `${socket.remoteAddress ?? '?'}:${socket.remotePort ?? '?'}`;
    seen.push({
      id: randomUUID(),
      at: new Date().toISOString(),
      transaction: o.transaction,
      from,
      to: url,
      request: { summary: `TLS ClientHello from ${from}`, size: 0 },
      response: {
        summary: outcome.error ? `handshake not completed: ${outcome.error}` : `handshake completed (${outcome.tls?.protocol ?? '?'})`,
        size: 0,
      },
      ...(outcome.tls ? { tls: outcome.tls } : {}),
      ...(outcome.error ? { error: outcome.error } : {}),
    });
  };
  const server = createServer(
    {
      cert: o.cert,
      key: o.key,
      minVersion: 'TLSv1.2',
      ciphers: BCP195_CIPHERS,
      // The SUT's own certificate is asked for the evidence but not judged here: refusing it
      // would hide whether the SUT refused ours.
      requestCert: true,
      rejectUnauthorized: false,
    },
    (socket: TLSSocket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => undefined);
      record(socket, { tls: tlsInfo(socket) });
      if (!o.upstream) return void socket.end();
      const up = connect(o.upstream.port, o.upstream.host);
      sockets.add(up);
      up.on('close', () => sockets.delete(up));
      up.on('error', () => socket.destroy());
      socket.pipe(up).pipe(socket);
    },
  );
  server.on('tlsClientError', (err, socket) => record(socket, { error: err.message }));
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

/** Which certificate a trap presents: the SUT must refuse the first two and complete with the third. */
export type TrapCertificate = 'unknown-ca' | 'expired' | 'valid';

const WHAT: Record<TrapCertificate, string> = {
  'unknown-ca': 'a server certificate from a CA the deployment does not trust',
  expired: 'an expired server certificate',
  valid: "the deployment CA's valid server certificate",
};

/**
 * The verdict on one recorded connection (SEC-002, the SUT as TLS client): error findings, none
 * when the SUT did what it must. Findings are located on the connection's exchange.
 */
export function judgeTrapConnection(kind: TrapCertificate, e: Exchange): Finding[] {
  const at = (ruleId: string, message: string): Finding => ({
    ruleId,
    reqIds: ['SEC-002'],
    severity: 'error',
    message,
    location: { artefact: `${e.transaction} ${e.id}`, path: 'TLS handshake' },
    evidence: [e.id],
  });
  if (notTls(e))
    return [at('tls.client.plaintext', `the SUT did not start a TLS handshake (${e.error}); it cannot authenticate the node it sends to`)];
  const completed = handshakeCompleted(e);
  if (kind === 'valid')
    return completed
      ? []
      : [at('tls.client.valid-refused', `the SUT did not complete the handshake with ${WHAT.valid}: ${e.error ?? 'closed'}`)];
  return completed
    ? [
        at(
          `tls.client.${kind}-accepted`,
          `the SUT completed the TLS handshake (${e.tls?.protocol ?? '?'}) with ${WHAT[kind]}; it must refuse it`,
        ),
      ]
    : [];
}
