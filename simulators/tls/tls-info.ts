// What exchange evidence records about a TLS connection (model/exchange.ts TlsInfo): enough
// for a monitor to confirm SEC-001 (version, suite) and SEC-002 (which certificate the peer used).
import type { TLSSocket } from 'node:tls';
import type { TlsInfo } from '../../model/exchange.ts';

export function tlsInfo(socket: TLSSocket): TlsInfo {
  const info: TlsInfo = {};
  const protocol = socket.getProtocol();
  if (protocol) info.protocol = protocol;
  const cipher = socket.getCipher() as { standardName?: string; name?: string } | undefined;
  // The IANA name is what BCP 195 lists; OpenSSL's short name is the fallback.
  const suite = cipher?.standardName ?? cipher?.name;
  if (suite) info.cipher = suite;
  const peer = socket.getPeerCertificate();
  // An empty object (no keys) means the peer sent no certificate.
  if (peer && Object.keys(peer).length > 0) {
    if (peer.subject) info.peerCertificateSubject = formatSubject(peer.subject as unknown as Record<string, string | string[]>);
    if (peer.fingerprint256) info.peerCertificateFingerprint256 = peer.fingerprint256;
  }
  return info;
}

/** 'CN=server, O=mcwg-conformance', in the order node lists the RDNs. */
function formatSubject(subject: Record<string, string | string[]>): string {
  return Object.entries(subject)
    .flatMap(([k, v]) => (Array.isArray(v) ? v : [v]).map((x) => `${k}=${x}`))
    .join(', ');
}
