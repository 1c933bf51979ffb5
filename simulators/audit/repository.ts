// The Audit Record Repository simulator (IHE ITI-20 receiver): syslog over TLS or TCP with
// RFC 5425 octet counting, and over UDP (RFC 5426), each message parsed as RFC 5424 and its MSG
// read through the table (table.ts). Every message is recorded as an exchange through the kit's
// recorder, bad frames too, and kept with its findings for the plans' query surface ("audits
// received since T that match"). Nothing a sender does makes it throw: a broken frame is a
// finding and a closed connection, a silent connection is closed after the idle timeout.
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import net from 'node:net';
import tls, { type TLSSocket, type TlsOptions } from 'node:tls';
import type { Exchange, Simulator, TlsInfo } from '../../model/exchange.ts';
import type { Finding } from '../../model/finding.ts';
import { DEFAULT_MAX_FRAME, MAX_UDP_PAYLOAD, OctetFramer, parseSyslog, type SyslogMessage } from '../../protocols/syslog/index.ts';
import type { AuditView } from '../../validators/audit/index.ts';
import type { Endpoint } from '../kit/http.ts';
import { ExchangeRecorder, httpUrlOf, type ExchangeSink } from '../kit/recorder.ts';
import { tlsInfo } from '../tls/tls-info.ts';
import { AUDIT_TRANSACTION, rowFor } from './table.ts';

export type AuditTransport = 'tls' | 'tcp' | 'udp';

/** One message (or one broken frame) the repository received. */
export interface AuditRecord {
  exchange: Exchange;
  receivedAt: Date;
  transport: AuditTransport;
  /** The RFC 5424 header fields; absent when the frame did not parse. */
  syslog?: Omit<SyslogMessage, 'msg'>;
  xml?: string;
  view?: AuditView;
  /** The transaction the audit records (by its EventTypeCode / EventID), when one of the tables names it. */
  audited?: string;
  /** Transport, syslog and PS3.15 findings. */
  findings: Finding[];
}

export interface AuditRepositoryOptions {
  host?: string;
  /** TCP (or TLS) port; 0 (default) asks the OS. */
  port?: number;
  /** UDP port; 0 asks the OS; null: no UDP. Default 0. */
  udpPort?: number | null;
  /** RFC 5425 over TLS (simulators/tls tlsServerOptions; mutual TLS when a CA is set). */
  tls?: TlsOptions;
  maxFrameBytes?: number;
  /** A connection with no bytes for this long is closed (default 120 s). */
  idleTimeoutMs?: number;
  /** A frame begun but not complete within this long is recorded as truncated and its connection closed (default 30 s). */
  frameTimeoutMs?: number;
  recorder?: ExchangeRecorder;
  store?: ExchangeSink;
  onRecord?: (r: AuditRecord) => void;
}

export interface AuditQuery {
  /** Only records received at or after this time. */
  since?: Date | string | number;
  match?: (r: AuditRecord) => boolean;
}

export interface RunningAuditRepository extends Simulator {
  kind: 'audit-repository';
  host: string;
  port: number;
  /** `udp://host:port`, when UDP is on. */
  udpUrl?: string;
  udpPort?: number;
  endpoints: Endpoint[];
  records(q?: AuditQuery): AuditRecord[];
  /** The first record (already there or arriving) that matches, or undefined after timeoutMs. */
  waitFor(q: AuditQuery & { timeoutMs: number; signal?: AbortSignal }): Promise<AuditRecord | undefined>;
  connections(): number;
}

export const DEFAULT_IDLE_TIMEOUT_MS = 120_000;
export const DEFAULT_FRAME_TIMEOUT_MS = 30_000;

export function isAuditRepository(s: unknown): s is RunningAuditRepository {
  return typeof s === 'object' && s !== null && (s as { kind?: unknown }).kind === 'audit-repository';
}

export async function startAuditRepository(opts: AuditRepositoryOptions = {}): Promise<RunningAuditRepository> {
  const host = opts.host ?? '127.0.0.1';
  const maxFrame = opts.maxFrameBytes ?? DEFAULT_MAX_FRAME;
  const recorder = opts.recorder?.scope() ?? new ExchangeRecorder(opts.store ? { sink: opts.store } : {});
  const list: AuditRecord[] = [];
  const waiters = new Set<() => void>();
  const sockets = new Set<net.Socket>();
  let url = '';

  const record = (
    r: Omit<AuditRecord, 'exchange' | 'receivedAt'>,
    from: string,
    bytes: Uint8Array | undefined,
    t0: number,
    extra: { error?: string; tls?: TlsInfo; size?: number } = {},
  ): void => {
    const summary = r.syslog
      ? `<${r.syslog.pri}>${r.syslog.version} ${r.syslog.timestamp ?? '-'} ${r.syslog.hostname ?? '-'} ${r.syslog.appName ?? '-'} ${r.syslog.msgId ?? '-'}${r.audited ? ` (${r.audited} audit)` : ''}`
      : (extra.error ?? 'syslog frame');
    const ex = recorder.begin({
      transaction: AUDIT_TRANSACTION,
      from,
      to: url,
      at: new Date(t0),
      request: recorder.payload({
        summary: summary.slice(0, 300),
        contentType: 'application/syslog',
        ...(bytes ? { body: Buffer.from(bytes) } : { size: extra.size ?? 0 }),
      }),
    });
    if (extra.error) ex.error = extra.error;
    if (extra.tls) ex.tls = extra.tls;
    ex.durationMs = Date.now() - t0;
    recorder.record(ex);
    const rec: AuditRecord = { ...r, exchange: ex, receivedAt: new Date(t0) };
    list.push(rec);
    try {
      opts.onRecord?.(rec);
    } catch {
      // A listener's failure is not the sender's problem.
    }
    for (const w of [...waiters]) w();
  };

  const finding = (ruleId: string, message: string, artefact: string, path: string, severity: Finding['severity'] = 'error'): Finding => ({
    ruleId,
    reqIds: ['SEC-004'],
    severity,
    message,
    location: { artefact, path },
  });

  /** One syslog message (a TCP frame or a UDP datagram) → a record. */
  const onMessage = (bytes: Uint8Array, transport: AuditTransport, from: string, t0: number, tlsParams?: TlsInfo): void => {
    const artefact = `syslog message ${list.length + 1} from ${from}`;
    const transportFindings =
      transport === 'tls'
        ? []
        : [
            finding(
              'audit.transport.tls',
              `received over ${transport.toUpperCase()}: IHE ATNA audit messages go over TLS (RFC 5425); ${transport === 'udp' ? 'RFC 5426 UDP' : 'plain TCP'} is accepted but not secure`,
              artefact,
              'transport',
              'warning',
            ),
          ];
    const parsed = parseSyslog(bytes);
    if (!parsed.ok) {
      const detail = `not an RFC 5424 message: ${parsed.field} at octet ${parsed.offset}: ${parsed.message}`;
      record(
        { transport, findings: [...transportFindings, finding('audit.syslog.rfc5424', detail, artefact, `octet ${parsed.offset}`)] },
        from,
        bytes,
        t0,
        { error: detail, ...(tlsParams ? { tls: tlsParams } : {}) },
      );
      return;
    }
    const { msg, ...header } = parsed.message;
    const { row, known } = rowFor(header.msgId);
    const reading = row.read(msg, artefact);
    const findings = [...transportFindings, ...reading.findings];
    if (!known)
      findings.unshift(
        finding(
          'audit.syslog.msgid',
          `MSGID ${JSON.stringify(header.msgId ?? '-')}: DICOM audit messages carry MSGID "IHE+RFC-3881" (IHE ITI TF-2 3.20.7.1); read as DICOM audit XML`,
          artefact,
          'MSGID',
          'warning',
        ),
      );
    record(
      {
        transport,
        syslog: header,
        xml: reading.xml,
        view: reading.view,
        ...(reading.audited ? { audited: reading.audited } : {}),
        findings,
      },
      from,
      bytes,
      t0,
      {
        ...(reading.view.parseError ? { error: `not a DICOM audit message: ${reading.view.parseError}` } : {}),
        ...(tlsParams ? { tls: tlsParams } : {}),
      },
    );
  };

  const onConnection = (socket: net.Socket): void => {
    sockets.add(socket);
    const transport: AuditTransport = opts.tls ? 'tls' : 'tcp';
    const tlsParams = opts.tls ? tlsInfo(socket as TLSSocket) : undefined;
    const from = httpUrlOf(transport, socket.remoteAddress, socket.remotePort);
    const framer = new OctetFramer(maxFrame);
    const frameTimeout = opts.frameTimeoutMs ?? DEFAULT_FRAME_TIMEOUT_MS;
    let frameTimer: NodeJS.Timeout | undefined;
    let frameStarted = 0;
    let done = false;
    const broken = (detail: string, size: number): void => {
      if (done) return;
      done = true;
      clearTimeout(frameTimer);
      const artefact = `syslog stream from ${from}`;
      record({ transport, findings: [finding('audit.syslog.framing', detail, artefact, 'MSG-LEN')] }, from, undefined, Date.now(), {
        error: detail,
        size,
        ...(tlsParams ? { tls: tlsParams } : {}),
      });
      socket.destroy();
    };
    socket.setTimeout(opts.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS, () => socket.destroy());
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      clearTimeout(frameTimer);
      sockets.delete(socket);
    });
    socket.on('data', (chunk: Buffer) => {
      if (done) return;
      const t0 = Date.now();
      for (const ev of framer.push(chunk)) {
        if ('frame' in ev) onMessage(ev.frame, transport, from, t0, tlsParams);
        // RFC 5425 §4.3: after a bad MSG-LEN nothing can be delimited; the connection is closed.
        else broken(`${ev.error === 'oversize' ? 'oversize frame' : 'bad MSG-LEN'}: ${ev.message}`, framer.pending);
      }
      if (done) return;
      if (framer.pending === 0) {
        clearTimeout(frameTimer);
        frameTimer = undefined;
      } else if (!frameTimer) {
        frameStarted = Date.now();
        frameTimer = setTimeout(
          () =>
            broken(
              `frame not complete within ${frameTimeout} ms (${framer.pending} octets of it received); connection closed`,
              framer.pending,
            ),
          frameTimeout,
        );
      }
    });
    socket.on('end', () => {
      if (!done && framer.pending > 0)
        broken(
          `connection closed inside a frame (${framer.pending} octets unread, begun ${Date.now() - frameStarted} ms before)`,
          framer.pending,
        );
      done = true;
      socket.end();
    });
  };

  const server = opts.tls
    ? tls.createServer({ ...opts.tls, allowHalfOpen: true }, onConnection)
    : net.createServer({ allowHalfOpen: true }, onConnection);
  // A refused handshake (no/unknown/expired client certificate) never reaches onConnection.
  server.on('tlsClientError', () => undefined);
  server.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as net.AddressInfo).port;
  const hostInUrl = host.includes(':') ? `[${host}]` : host;
  url = `${opts.tls ? 'tls' : 'tcp'}://${hostInUrl}:${port}`;

  let udp: UdpSocket | undefined;
  let udpPort: number | undefined;
  if (opts.udpPort !== null) {
    const sock = createSocket(host.includes(':') ? 'udp6' : 'udp4');
    udp = sock;
    sock.on('message', (d, rinfo) => {
      const t0 = Date.now();
      const from = httpUrlOf('udp', rinfo.address, rinfo.port);
      if (d.length === 0)
        return record(
          { transport: 'udp', findings: [finding('audit.syslog.rfc5424', 'empty datagram', `datagram from ${from}`, 'datagram')] },
          from,
          d,
          t0,
          { error: 'empty datagram' },
        );
      onMessage(d.subarray(0, MAX_UDP_PAYLOAD), 'udp', from, t0);
    });
    sock.on('error', () => undefined);
    await new Promise<void>((resolve, reject) => {
      sock.once('error', reject);
      sock.bind(opts.udpPort ?? 0, host, () => resolve());
    });
    udpPort = sock.address().port;
  }
  const udpUrl = udpPort === undefined ? undefined : `udp://${hostInUrl}:${udpPort}`;

  const since = (q: AuditQuery | undefined) => {
    const t = q?.since === undefined ? -Infinity : new Date(q.since).getTime();
    return (r: AuditRecord) => r.receivedAt.getTime() >= t && (!q?.match || q.match(r));
  };
  let stopping: Promise<void> | undefined;
  return {
    kind: 'audit-repository',
    url,
    host,
    port,
    ...(udpUrl ? { udpUrl, udpPort: udpPort! } : {}),
    endpoints: [
      { transaction: `${AUDIT_TRANSACTION} syslog (RFC 5425${opts.tls ? ', TLS' : ', plain TCP'})`, url },
      ...(udpUrl ? [{ transaction: `${AUDIT_TRANSACTION} syslog (RFC 5426 UDP)`, url: udpUrl }] : []),
    ],
    exchanges: () => recorder.exchanges(),
    records: (q) => list.filter(since(q)),
    waitFor(q) {
      const ok = since(q);
      const hit = list.find(ok);
      if (hit) return Promise.resolve(hit);
      return new Promise((resolve) => {
        const finish = (r: AuditRecord | undefined) => {
          clearTimeout(timer);
          waiters.delete(check);
          q.signal?.removeEventListener('abort', onAbort);
          resolve(r);
        };
        const check = () => {
          const r = list.find(ok);
          if (r) finish(r);
        };
        const onAbort = () => finish(undefined);
        const timer = setTimeout(() => finish(undefined), q.timeoutMs);
        waiters.add(check);
        q.signal?.addEventListener('abort', onAbort, { once: true });
      });
    },
    connections: () => sockets.size,
    stop() {
      stopping ??= new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        udp?.close();
        server.close(() => resolve());
      }).then(() => recorder.flush());
      return stopping;
    },
  };
}
