// Syslog over a TCP or TLS stream (RFC 5425 / RFC 6587 octet counting) → parsed messages.
// Transport glue only: the audit receiver mounts this on each accepted socket.
import type { Duplex } from 'node:stream';
import { OctetFramer, DEFAULT_MAX_FRAME } from './octet-framer.ts';
import { parseSyslog, type SyslogParseResult } from './rfc5424.ts';

export interface SyslogStreamEvents {
  /** Each frame, parsed or with the reason it did not parse. */
  onMessage(result: SyslogParseResult, raw: Uint8Array): void;
  /** Framing broke (bad length, oversize, stream ended mid-frame); the socket is closed after this. */
  onFramingError(message: string): void;
}

export function readSyslogStream(socket: Duplex, events: SyslogStreamEvents, maxFrame = DEFAULT_MAX_FRAME): void {
  const framer = new OctetFramer(maxFrame);
  socket.on('data', (chunk: Buffer) => {
    for (const ev of framer.push(chunk)) {
      if ('frame' in ev) events.onMessage(parseSyslog(ev.frame), ev.frame);
      else {
        events.onFramingError(ev.message);
        // Nothing after a bad frame can be delimited (RFC 5425 §4.3): close, as RFC 6587 §3.4 suggests.
        socket.destroy();
      }
    }
  });
  socket.on('end', () => {
    if (framer.pending > 0) events.onFramingError(`stream ended inside a frame (${framer.pending} octets unread)`);
  });
  socket.on('error', () => {});
}
