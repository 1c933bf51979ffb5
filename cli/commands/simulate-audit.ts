// `mcwg simulate audit`: an Audit Record Repository (ITI-20 receiver) on loopback. Syslog over
// TCP or TLS (RFC 5425 octet counting) and UDP (RFC 5426); each message is validated as a DICOM
// PS3.15 audit message and logged on stderr with its findings, every one kept as an exchange.
import { Option } from 'commander';
import {
  DEFAULT_FRAME_TIMEOUT_MS,
  DEFAULT_IDLE_TIMEOUT_MS,
  startAuditRepository,
  type AuditRecord,
} from '../../simulators/audit/repository.ts';
import { DEFAULT_MAX_FRAME } from '../../protocols/syslog/index.ts';
import type { TlsFlags } from '../../simulators/tls/options.ts';
import { intOption, openStoreOption, portOption, serveUntilSignal } from '../simulate-lifecycle.ts';
import type { Io } from '../io.ts';
import type { RegisterSimulator } from './simulate.ts';
import { addTlsOptions, tlsServerOf } from './simulate-tls.ts';

interface AuditFlags extends TlsFlags {
  port: string;
  udpPort: string;
  udp: boolean;
  host: string;
  maxFrame: string;
  idleTimeout: string;
  frameTimeout: string;
  store?: string;
}

export const registerSimulateAudit: RegisterSimulator = (simulate, io) => {
  const cmd = simulate
    .command('audit')
    .description(
      'Audit Record Repository: syslog over TLS/TCP (RFC 5425) and UDP (RFC 5426), each DICOM audit message validated (PS3.15 A.5)',
    )
    .addOption(new Option('--port <N>', 'TCP (or TLS) port for RFC 5425 octet-counted syslog (0: a free one)').default('0'))
    .addOption(new Option('--udp-port <N>', 'UDP port for RFC 5426 syslog (0: a free one)').default('0'))
    .option('--no-udp', 'do not listen on UDP')
    .addOption(new Option('--host <HOST>', 'address to listen on').default('127.0.0.1'))
    .addOption(new Option('--max-frame <BYTES>', 'largest syslog message accepted over TCP/TLS').default(String(DEFAULT_MAX_FRAME)))
    .addOption(
      new Option('--idle-timeout <MS>', 'close a connection silent this long (milliseconds)').default(String(DEFAULT_IDLE_TIMEOUT_MS)),
    )
    .addOption(
      new Option(
        '--frame-timeout <MS>',
        'a frame begun and not complete this long is recorded as truncated and its connection closed',
      ).default(String(DEFAULT_FRAME_TIMEOUT_MS)),
    )
    .addOption(new Option('--store <SPEC>', 'sqlite:FILE or postgres://…: keep every message there as evidence (default: in memory only)'));
  addTlsOptions(cmd)
    .addHelpText(
      'after',
      [
        '',
        'Each received message is printed on stderr: the transaction it audits and its findings.',
        '',
        'Examples:',
        '  mcwg simulate audit --port 6514 --udp-port 5514',
        '  logger --tcp --octet-count --rfc5424 -n 127.0.0.1 -P 6514 --msgid IHE+RFC-3881 "$(cat audit.xml)"',
        '  mcwg fixtures pki pki/ && mcwg simulate audit --port 6514 --no-udp \\',
        '      --tls-cert pki/server.crt.pem --tls-key pki/server.key.pem --tls-ca pki/ca.crt.pem',
        '  mcwg simulate xds --audit-to tls://127.0.0.1:6514 --tls-ca pki/ca.crt.pem …   (our simulators as audit sources)',
      ].join('\n'),
    )
    .action(async (opts: AuditFlags) => {
      const tls = tlsServerOf(opts);
      const store = opts.store ? await openStoreOption(opts.store) : undefined;
      const repo = await startAuditRepository({
        host: opts.host,
        port: portOption(opts.port),
        udpPort: opts.udp ? portOption(opts.udpPort, '--udp-port') : null,
        maxFrameBytes: intOption('--max-frame', opts.maxFrame, 64, 2 ** 30),
        idleTimeoutMs: intOption('--idle-timeout', opts.idleTimeout, 1, 2 ** 31 - 1),
        frameTimeoutMs: intOption('--frame-timeout', opts.frameTimeout, 1, 2 ** 31 - 1),
        ...(tls ? { tls } : {}),
        ...(store ? { store } : {}),
        onRecord: (r) => logRecord(io, r),
      });
      await serveUntilSignal(
        io,
        'audit',
        { endpoints: repo.endpoints, stop: () => repo.stop().then(() => store?.close()) },
        { beforeStop: () => io.err(`stopping; ${repo.records().length} message(s) recorded\n`) },
      );
    });
};

/** One line per message, then one per finding: what a tester watching the console needs. */
function logRecord(io: Io, r: AuditRecord): void {
  const errors = r.findings.filter((f) => f.severity === 'error').length;
  const what = r.audited ? `${r.audited} audit` : r.view?.event ? 'audit (no IHE table)' : 'message';
  io.err(
    `${r.receivedAt.toISOString()} ${r.transport} ${r.exchange.from} ${what}: ${errors === 0 ? 'valid' : `${errors} error(s)`}${r.exchange.error ? ` (${r.exchange.error})` : ''}\n`,
  );
  for (const f of r.findings) io.err(`  ${f.severity} ${f.ruleId} [${f.reqIds.join(', ')}] ${f.location.path}: ${f.message}\n`);
}
