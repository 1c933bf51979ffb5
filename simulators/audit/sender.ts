// Our actors as audit writers (the SUT's Audit Record Repository role, and the reference SUTs):
// `--audit-to tls://host:port | tcp://host:port | udp://host:port`, one RFC 5424 message per
// audit, RFC 5425 octet counting over TLS/TCP, one datagram over UDP (RFC 5426). Sending never
// blocks or breaks the transaction it records: failures go to `onError` and are counted.
import { createSocket } from 'node:dgram';
import { hostname } from 'node:os';
import type { ConnectionOptions } from 'node:tls';
import type { Exchange } from '../../model/exchange.ts';
import { formatSyslog, sendSyslog } from '../../protocols/syslog/index.ts';
import { buildAudit, type AuditSide, type BuildOptions } from './builder.ts';
import { factsOfExchange, type FactsOptions } from './facts.ts';

export interface AuditDestination {
  transport: 'tls' | 'tcp' | 'udp';
  host: string;
  port: number;
}

export class AuditToError extends Error {
  override name = 'AuditToError';
}

/** Parses `tls://host:port`, `tcp://host:port` or `udp://host:port`. */
export function parseAuditTo(text: string): AuditDestination {
  const m = /^(tls|tcp|udp):\/\/(\[[^\]]+\]|[^:/]+):(\d{1,5})\/?$/.exec(text.trim());
  const port = Number(m?.[3]);
  if (!m || port < 1 || port > 65535)
    throw new AuditToError(`--audit-to ${text}: expected tls://host:port, tcp://host:port or udp://host:port`);
  return { transport: m[1] as AuditDestination['transport'], host: m[2]!.replace(/^\[|\]$/g, ''), port };
}

export const auditToUrl = (d: AuditDestination): string => `${d.transport}://${d.host.includes(':') ? `[${d.host}]` : d.host}:${d.port}`;

export interface AuditSenderOptions {
  /** TLS client options (tlsClientOptions: the repository's CA, our certificate); required for tls://. */
  tls?: ConnectionOptions;
  appName?: string;
  onError?: (err: Error) => void;
}

export interface AuditSender {
  readonly destination: AuditDestination;
  /** Queues one audit message; resolves when it was handed to the transport (never rejects). */
  send(xml: string): Promise<void>;
  /** Resolves once every queued message went out (or failed). */
  flush(): Promise<void>;
  sent(): number;
  failed(): number;
}

export function auditSender(to: AuditDestination | string, opts: AuditSenderOptions = {}): AuditSender {
  const destination = typeof to === 'string' ? parseAuditTo(to) : to;
  if (destination.transport === 'tls' && !opts.tls) throw new AuditToError('--audit-to tls://… needs TLS client options (--tls-ca)');
  let sent = 0;
  let failed = 0;
  const host = hostname().replace(/[^\x21-\x7e]/g, '_') || '-';
  const deliver = async (batch: Uint8Array[]): Promise<void> => {
    if (destination.transport === 'udp') {
      const sock = createSocket(destination.host.includes(':') ? 'udp6' : 'udp4');
      try {
        for (const bytes of batch)
          await new Promise<void>((resolve, reject) =>
            sock.send(bytes, destination.port, destination.host, (e) => (e ? reject(e) : resolve())),
          );
      } finally {
        sock.close();
      }
      return;
    }
    await sendSyslog(
      { host: destination.host, port: destination.port, ...(destination.transport === 'tls' ? { tls: opts.tls! } : {}) },
      batch,
    );
  };
  // Messages queued while a connection is under way go out together on the next one, in order:
  // a busy simulator must not fall behind its audits by one TLS handshake per message.
  let queue: { bytes: Uint8Array; done: () => void }[] = [];
  let pumping: Promise<void> | undefined;
  const pump = async (): Promise<void> => {
    while (queue.length > 0) {
      const batch = queue;
      queue = [];
      try {
        await deliver(batch.map((m) => m.bytes));
        sent += batch.length;
      } catch (err) {
        failed += batch.length;
        opts.onError?.(err instanceof Error ? err : new Error(String(err)));
      }
      for (const m of batch) m.done();
    }
    pumping = undefined;
  };
  return {
    destination,
    send(xml) {
      const bytes = formatSyslog({ hostname: host, appName: opts.appName ?? 'mcwg', procId: String(process.pid), msg: xml });
      const done = new Promise<void>((resolve) => queue.push({ bytes, done: resolve }));
      pumping ??= pump();
      return done;
    },
    flush: () => pumping ?? Promise.resolve(),
    sent: () => sent,
    failed: () => failed,
  };
}

/**
 * An onExchange hook: the audit of each exchange the simulator served (the transactions of
 * facts.ts AUDITED; others are not audited), written from `side` of the data flow.
 */
export function auditEachExchange(
  sender: AuditSender,
  o: Omit<BuildOptions, 'side'> & { side: AuditSide | ((transaction: string) => AuditSide); facts?: FactsOptions },
): (ex: Exchange) => void {
  return (ex) => {
    const facts = factsOfExchange(ex, o.facts);
    if (!facts) return;
    const side = typeof o.side === 'function' ? o.side(ex.transaction) : o.side;
    const xml = buildAudit(facts, { side, auditSourceId: o.auditSourceId, ...(o.fault ? { fault: o.fault } : {}) });
    if (xml) void sender.send(xml);
  };
}
