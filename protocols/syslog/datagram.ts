// RFC 5426: one syslog message per UDP datagram, no framing. What differs from TCP is only
// the size: an IPv4 receiver MUST take 480 octets and SHOULD take 2048 (§3.2); a datagram
// cannot exceed 65507 payload octets, so truncation shows as an unparseable tail.
import { parseSyslog, type SyslogParseResult } from './rfc5424.ts';

export const MAX_UDP_PAYLOAD = 65_507;

export function parseDatagram(d: Uint8Array): SyslogParseResult {
  if (d.length === 0) return { ok: false, field: 'datagram', offset: 0, message: 'empty datagram' };
  return parseSyslog(d);
}
