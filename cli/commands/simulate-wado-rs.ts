// `mcwg simulate wado-rs --data DIR`: the RAD-107 image source simulator until SIGINT/SIGTERM.
import { stat } from 'node:fs/promises';
import { parseFaults, FAULT_HELP } from '../../simulators/wado-rs/faults.ts';
import { startWadoRs } from '../../simulators/wado-rs/index.ts';
import { UsageError } from '../errors.ts';
import { openStoreOption, portOption, serveUntilSignal, type Endpoint } from '../simulate-lifecycle.ts';
import type { RegisterSimulator } from './simulate.ts';
import { addAuthOptions, addTlsOptions, authOf, tlsServerOf } from './simulate-tls.ts';
import type { TlsFlags } from '../../simulators/tls/options.ts';
import { wadoAuditHook } from '../../simulators/wado-rs/audit.ts';
import type { Exchange } from '../../model/exchange.ts';
import { addAuditToOptions, auditSenderOf, type AuditToFlags } from './audit-to.ts';

interface Opts extends TlsFlags, AuditToFlags {
  authJwks?: string;
  authAudience?: string;
  data: string;
  port: string;
  qido: boolean;
  metadata: boolean;
  fault: string[];
  store?: string;
}

export const registerSimulateWadoRs: RegisterSimulator = (simulate, io) => {
  addAuditToOptions(addAuthOptions(addTlsOptions(simulate.command('wado-rs'))))
    .description('serve a folder of DICOM Part 10 files over WADO-RS (RAD-107), metadata and QIDO-RS')
    .requiredOption('--data <DIR>', 'folder of Part 10 files (indexed once at start)')
    .option('--port <N>', 'TCP port on 127.0.0.1 (0 = a free one)', '0')
    .option('--no-qido', 'answer QIDO-RS searches with 404')
    .option('--no-metadata', 'answer metadata requests with 404')
    .option('--store <SPEC>', 'sqlite:FILE or postgres://…: keep every exchange there as evidence (default: in memory only)')
    .option('--fault <SPEC>', `inject a fault: ${FAULT_HELP}`, (v: string, all: string[]) => [...all, v], [] as string[])
    .addHelpText(
      'after',
      `
Examples:
  mcwg fixtures study out/study --instances 50 && mcwg simulate wado-rs --data out/study
  mcwg simulate wado-rs --data out/study --port 8080 --no-qido --no-metadata
  mcwg simulate wado-rs --data out/study --fault latency=2000 --fault truncate=100000
  mcwg simulate wado-rs --data out/study --audit-to udp://127.0.0.1:5514   # an audit per RAD-107 retrieve`,
    )
    .action(async (o: Opts) => {
      const port = portOption(o.port);
      const tls = tlsServerOf(o);
      const auth = await authOf(o);
      const isDir = await stat(o.data).then(
        (s) => s.isDirectory(),
        () => false,
      );
      if (!isDir) throw new UsageError(`--data ${o.data}: not a readable folder`);
      let faults;
      try {
        faults = parseFaults(o.fault);
      } catch (err) {
        throw new UsageError((err as Error).message);
      }
      const store = o.store ? await openStoreOption(o.store) : undefined;
      const audit = auditSenderOf(o, io, 'wado-rs');
      // The hook needs the index the simulator builds; it is set once the simulator started.
      let auditHook: ((e: Exchange) => void) | undefined;
      const sim = await startWadoRs({
        ...(audit ? { onExchange: (e: Exchange) => auditHook?.(e) } : {}),
        dataDir: o.data,
        // Each file hashed once in the background: retrieves record part hashes without hashing every byte.
        warmDigests: true,
        port,
        qido: o.qido,
        metadata: o.metadata,
        faults,
        ...(store ? { evidence: store } : {}),
        ...(tls ? { tls } : {}),
        ...(auth ? { auth } : {}),
      });
      if (audit) auditHook = wadoAuditHook(audit, sim.store);
      for (const s of sim.store.skipped) io.err(`skipped ${s.path}: ${s.reason}\n`);
      const n = [...sim.store.studies.values()].reduce(
        (a, st) => a + [...st.series.values()].reduce((b, se) => b + se.instances.size, 0),
        0,
      );
      io.err(`wado-rs: ${sim.store.studies.size} studies, ${n} instances from ${o.data}\n`);
      const endpoints: Endpoint[] = [
        ...sim.endpoints.filter((e) => o.qido || e.transaction !== 'QIDO-RS'),
        ...[...sim.store.studies.keys()].map((st) => ({ transaction: 'RAD-107', url: `${sim.base}/studies/${st}` })),
      ];
      await serveUntilSignal(io, 'wado-rs', { endpoints, stop: () => sim.stop().then(() => store?.close()) });
    });
};
