// Sends syslog messages to a collector (an Audit Record Repository) over TCP, or TLS as
// RFC 5425 requires for audit, with octet-counting framing. Resolves when the peer has the
// bytes and the connection closed cleanly; rejects with the transport's reason otherwise.
import { connect as tcpConnect } from 'node:net';
import { connect as tlsConnect, type ConnectionOptions } from 'node:tls';
import { frameOctetCounted } from './octet-framer.ts';

export interface SyslogTarget {
  host: string;
  port: number;
  /** TLS client options (tlsClientOptions from simulators/tls); plain TCP when absent. */
  tls?: ConnectionOptions;
  timeoutMs?: number;
  /** TLS only: how long the repository may take to refuse our certificate before we send (default 200 ms). */
  confirmMs?: number;
}

export function sendSyslog(target: SyslogTarget, messages: readonly Uint8Array[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = target.tls
      ? tlsConnect({
          ...target.tls,
          host: target.host,
          port: target.port,
          ...(isIpLiteral(target.host) ? {} : { servername: target.host }),
        })
      : tcpConnect({ host: target.host, port: target.port });
    const timer = setTimeout(
      () => socket.destroy(new Error(`syslog to ${target.host}:${target.port} timed out`)),
      target.timeoutMs ?? 10_000,
    );
    let sent = false;
    const write = () => {
      sent = true;
      for (const m of messages) socket.write(frameOctetCounted(m));
      socket.end();
    };
    socket.once(target.tls ? 'secureConnect' : 'connect', () => {
      // Under TLS 1.3 the repository judges our certificate after our handshake is done, and
      // some just hang up without an alert; wait a moment so that such a refusal is reported
      // instead of messages vanishing into a closing socket.
      if (target.tls) setTimeout(() => socket.destroyed || write(), target.confirmMs ?? 200);
      else write();
    });
    socket.once('end', () => {
      if (!sent)
        socket.destroy(
          new Error(
            `syslog to ${target.host}:${target.port}: the repository closed the connection after the handshake (our certificate refused?)`,
          ),
        );
    });
    socket.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    socket.once('close', (hadError) => {
      clearTimeout(timer);
      if (!hadError) resolve();
    });
    // The collector never answers; read and drop whatever it sends so 'close' can fire.
    socket.resume();
  });
}

function isIpLiteral(h: string): boolean {
  return /^[\d.]+$/.test(h) || h.includes(':');
}
