export { OctetFramer, frameOctetCounted, DEFAULT_MAX_FRAME, type FrameEvent } from './octet-framer.ts';
export { parseSyslog, type SyslogMessage, type SdElement, type SyslogParseResult } from './rfc5424.ts';
export { parseDatagram, MAX_UDP_PAYLOAD } from './datagram.ts';
export { formatSyslog, type SyslogFields } from './format.ts';
export { readSyslogStream, type SyslogStreamEvents } from './stream-reader.ts';
export { sendSyslog, type SyslogTarget } from './sender.ts';
