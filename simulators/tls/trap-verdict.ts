// The verdict on one connection a TLS trap (trap.ts) recorded: did the SUT, as TLS client, do
// what it must with the certificate or versions the trap offered (SEC-001, SEC-002)? Read from
// the exchange alone, so a recorded run can be judged again offline.
import type { Exchange } from '../../model/exchange.ts';
import type { Finding } from '../../model/finding.ts';

/**
 * What a trap presents: a certificate from an unknown CA, an expired one, the valid one, or the
 * valid one over TLS 1.0/1.1 only. The SUT must complete the handshake with `valid` alone.
 */
export type TrapCertificate = 'unknown-ca' | 'expired' | 'valid' | 'legacy-version';

/** What a ClientHello that is no TLS at all looks like to OpenSSL (plain HTTP or MLLP sent to us). */
const NOT_TLS = /wrong version number|http request|unknown protocol|packet length too long/i;

/**
 * Whether the SUT sent anything on the connection: a connection that ended before any byte
 * carried no ClientHello, so it neither refused nor accepted anything (the SUT never came).
 */
export const clientHelloSeen = (e: Exchange): boolean => e.request.size > 0;
/** Whether the SUT completed the handshake and went on to send its request (accepted our certificate). */
export const handshakeCompleted = (e: Exchange): boolean => e.tls?.protocol !== undefined && !e.error;
/** Whether the connection was not TLS at all (the SUT sent plaintext to a TLS endpoint). */
export const notTls = (e: Exchange): boolean => NOT_TLS.test(e.error ?? '');

const WHAT: Record<TrapCertificate, string> = {
  'unknown-ca': 'a server certificate from a CA the deployment does not trust',
  expired: 'an expired server certificate',
  valid: "the deployment CA's valid server certificate",
  'legacy-version': 'a server offering only TLS 1.0 and 1.1',
};

/**
 * The verdict on one recorded connection (SEC-001/SEC-002, the SUT as TLS client): error findings, none
 * when the SUT did what it must. Findings are located on the connection's exchange.
 */
export function judgeTrapConnection(kind: TrapCertificate, e: Exchange): Finding[] {
  // Versions are SEC-001's; certificates SEC-002's.
  const reqIds = kind === 'legacy-version' ? ['SEC-001'] : ['SEC-002'];
  const at = (ruleId: string, message: string): Finding => ({
    ruleId,
    reqIds,
    severity: 'error',
    message,
    location: { artefact: `${e.transaction} ${e.id}`, path: 'TLS handshake' },
    evidence: [e.id],
  });
  // Not a refusal: nothing was offered to refuse. Steps wait past such connections; judged
  // alone, one cannot count as the SUT having refused.
  if (!clientHelloSeen(e))
    return [at('tls.client.no-handshake', `the SUT opened a connection but sent no TLS ClientHello (${e.error ?? 'closed'})`)];
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
          `the SUT completed the TLS handshake (${e.tls?.protocol ?? '?'}) with ${WHAT[kind]} and went on to send its request; it must refuse it`,
        ),
      ]
    : [];
}
