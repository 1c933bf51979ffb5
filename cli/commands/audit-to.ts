// `--audit-to tls://host:port|tcp://…|udp://…` on the simulators that audit what they serve
// (xds, wado-rs): declared once here. Over TLS the repository is verified against --audit-ca and
// we present --audit-cert/--audit-key (mutual TLS), independent of the simulator's own --tls-*.
import type { Command } from 'commander';
import { AuditToError, auditSender, parseAuditTo, type AuditSender } from '../../simulators/audit/sender.ts';
import { TlsConfigError, tlsClientOptions } from '../../simulators/tls/options.ts';
import { UsageError } from '../errors.ts';
import type { Io } from '../io.ts';

export interface AuditToFlags {
  auditTo?: string;
  auditCa?: string;
  auditCert?: string;
  auditKey?: string;
}

export function addAuditToOptions<C extends Command>(cmd: C): C {
  cmd
    .option(
      '--audit-to <URL>',
      'send an audit message for each transaction served to this Audit Record Repository: tls://host:port, tcp://host:port or udp://host:port',
    )
    .option('--audit-ca <FILE>', 'with --audit-to tls://: PEM CA the repository certificate must chain to')
    .option('--audit-cert <FILE>', 'with --audit-to tls://: our PEM client certificate')
    .option('--audit-key <FILE>', 'with --audit-to tls://: the key of --audit-cert');
  return cmd;
}

/** The sender for --audit-to, or undefined; send failures are reported on stderr. */
export function auditSenderOf(o: AuditToFlags, io: Io, name: string): AuditSender | undefined {
  if (!o.auditTo) return undefined;
  try {
    const to = parseAuditTo(o.auditTo);
    const tls =
      to.transport === 'tls'
        ? tlsClientOptions({
            ...(o.auditCa ? { tlsCa: o.auditCa } : {}),
            ...(o.auditCert ? { tlsCert: o.auditCert, tlsKey: o.auditKey ?? '' } : {}),
          })
        : undefined;
    return auditSender(to, {
      appName: `mcwg-${name}`,
      ...(tls ? { tls } : {}),
      onError: (e) => io.err(`${name}: audit to ${o.auditTo} failed: ${e.message}\n`),
    });
  } catch (err) {
    if (err instanceof AuditToError || err instanceof TlsConfigError) throw new UsageError(err.message);
    throw err;
  }
}
