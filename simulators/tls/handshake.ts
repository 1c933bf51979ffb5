// One TLS handshake attempt with an outcome, for the handshake matrix and the SUT probe.
// "Accepted" must mean the *server* accepted. Under TLS 1.3 the client finishes its side before
// the server has checked the client certificate (RFC 8446 §4.4.2), and some servers (node's
// own among them) check it after the handshake and just hang up, with no alert, under either
// version. So after the handshake we wait for the server: data (an answer to `send`, if given)
// or a connection still open after `settleMs` is acceptance; an alert or a hang-up is refusal.
import { checkServerIdentity as nodeCheck, connect, type ConnectionOptions, type PeerCertificate, type TLSSocket } from 'node:tls';
import type { TlsInfo } from '../../model/exchange.ts';
import { tlsInfo } from './tls-info.ts';

export type HandshakeOutcome =
  | { accepted: true; info: TlsInfo; authorized: boolean; authorizationError?: string; peerCertificate?: PeerCertificate }
  | { accepted: false; reason: string; code?: string };

export interface HandshakeTarget {
  host: string;
  port: number;
  /** SNI and the name the certificate is checked against; defaults to host. */
  servername?: string;
  /** How long a silent server must keep the connection open to count as accepting us. */
  settleMs?: number;
  /** Sent right after the handshake so that a server which accepted answers (e.g. an HTTP HEAD). */
  send?: string | Uint8Array;
  /** Whole attempt, connect included. */
  timeoutMs?: number;
}

export function tryHandshake(target: HandshakeTarget, options: ConnectionOptions): Promise<HandshakeOutcome> {
  const settleMs = target.settleMs ?? 400;
  return new Promise((resolve) => {
    let done = false;
    let socket: TLSSocket;
    const finish = (o: HandshakeOutcome) => {
      if (done) return;
      done = true;
      clearTimeout(overall);
      clearTimeout(settle);
      socket.destroy();
      resolve(o);
    };
    let settle: NodeJS.Timeout | undefined;
    const overall = setTimeout(() => finish({ accepted: false, reason: 'timed out', code: 'ETIMEDOUT' }), target.timeoutMs ?? 5000);
    const servername = target.servername ?? target.host;
    socket = connect({
      ...options,
      host: target.host,
      port: target.port,
      // SNI must not be an IP address (RFC 6066 §3); the identity check still uses it.
      ...(/^[\d.]+$|:/.test(servername) ? {} : { servername }),
      checkServerIdentity: options.checkServerIdentity ?? defaultIdentity(servername),
    });
    const accept = () => {
      // Without the chain: a self-signed root points to itself, and results must serialise.
      const peer = socket.getPeerCertificate(false);
      finish({
        accepted: true,
        info: tlsInfo(socket),
        authorized: socket.authorized,
        ...(socket.authorizationError ? { authorizationError: String(socket.authorizationError) } : {}),
        ...(peer && Object.keys(peer).length ? { peerCertificate: peer } : {}),
      });
    };
    socket.once('secureConnect', () => {
      if (target.send) socket.write(target.send);
      settle = setTimeout(accept, settleMs);
    });
    socket.on('data', () => accept());
    // on, not once: a second error after the first must not become an uncaught exception.
    socket.on('error', (err: NodeJS.ErrnoException) =>
      finish({ accepted: false, reason: err.message, ...(err.code ? { code: err.code } : {}) }),
    );
    socket.once('close', () => finish({ accepted: false, reason: 'connection closed by the server', code: 'ECONNRESET' }));
  });
}

function defaultIdentity(name: string) {
  return (_host: string, cert: Parameters<typeof nodeCheck>[1]) => nodeCheck(name, cert);
}
