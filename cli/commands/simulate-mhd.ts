// `mcwg simulate mhd`: the MHD Document Recipient/Responder (ITI-65/66/67/68) at /fhir until
// SIGINT/SIGTERM. Its default store is the XDS simulator's, so documents published with either
// protocol are found with both (run `simulate xds` beside it with the same --data or --store).
import { join } from 'node:path';
import { mhdConfig } from '../../simulators/mhd/config.ts';
import { startMhd } from '../../simulators/mhd/index.ts';
import { openStore } from '../../simulators/store/open-store.ts';
import { DEFAULT_REPOSITORY_UID, xdsConfig } from '../../simulators/xds/config.ts';
import { UsageError } from '../errors.ts';
import { toolVersion } from '../version.ts';
import type { RegisterSimulator } from './simulate.ts';

interface Opts {
  port: string;
  store?: string;
  data: string;
  acceptAnyPatient: boolean;
  patient: string[];
  strictness: string;
  repositoryUid: string;
  maxBinary: string;
}

export const registerSimulateMhd: RegisterSimulator = (simulate, io) => {
  simulate
    .command('mhd')
    .description('run an MHD Document Recipient/Responder on FHIR R4 JSON (ITI-65, ITI-66, ITI-67, ITI-68) over the XDS simulator\'s store')
    .option('--port <N>', 'TCP port on 127.0.0.1 (0 = a free one)', '0')
    .option('--store <SPEC>', 'sqlite:FILE or postgres://… (default: sqlite:DIR/xds.sqlite, shared with `simulate xds`)')
    .option('--data <DIR>', 'folder for the default SQLite store', '.mcwg/xds')
    .option('--accept-any-patient', 'accept any patient ID (quick tries); otherwise only --patient IDs', false)
    .option('--patient <CX>', 'a patient ID of the affinity domain, e.g. PAT-1^^^&1.2.3&ISO (repeatable)', (v: string, all: string[]) => [...all, v], [] as string[])
    .option('--strictness <MODE>', 'strict: validator errors reject an ITI-65 Bundle; lenient: they become warnings', 'strict')
    .option('--repository-uid <OID>', 'repositoryUniqueId given to documents received with ITI-65', DEFAULT_REPOSITORY_UID)
    .option('--max-binary <BYTES>', 'largest document (decoded Binary.data) accepted', String(32 * 1024 * 1024))
    .addHelpText(
      'after',
      `
Examples:
  mcwg simulate mhd --accept-any-patient
  mcwg simulate mhd --port 8081 --patient 'PAT-0001^^^&1.2.3.4.5.6.2&ISO' --data out/xds
  mcwg simulate mhd --store postgres://postgres@127.0.0.1:5432/postgres`,
    )
    .action(async (o: Opts) => {
      const port = Number(o.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port ${o.port}: expected 0..65535`);
      if (o.strictness !== 'strict' && o.strictness !== 'lenient') throw new UsageError(`--strictness ${o.strictness}: expected strict or lenient`);
      const maxBinary = Number(o.maxBinary);
      if (!Number.isInteger(maxBinary) || maxBinary <= 0) throw new UsageError(`--max-binary ${o.maxBinary}: expected a positive number of bytes`);
      if (!o.acceptAnyPatient && o.patient.length === 0) io.err('mhd: no --patient given and no --accept-any-patient: every ITI-65 will be XDSUnknownPatientId\n');
      const spec = o.store ?? `sqlite:${join(o.data, 'xds.sqlite')}`;
      let store;
      try {
        store = await openStore(spec);
      } catch (err) {
        throw new UsageError(`--store ${spec}: ${(err as Error).message}`);
      }
      const config = mhdConfig({
        xds: xdsConfig({ repositoryUniqueId: o.repositoryUid, acceptAnyPatient: o.acceptAnyPatient, knownPatients: new Set(o.patient), strictness: o.strictness }),
        maxBinaryBytes: maxBinary,
      });
      const sim = await startMhd({
        port,
        store,
        config,
        version: toolVersion(),
        onExchange: (e) => io.err(`mhd: ${e.transaction} from ${e.from} → ${e.response?.summary ?? 'no response'}${e.error ? ` (${e.error})` : ''}\n`),
      });
      io.err(`mhd: store ${store.kind} (${spec.startsWith('postgres') ? 'PostgreSQL' : spec}), FHIR base ${sim.base}\n`);
      for (const e of sim.endpoints) io.out(`${e.transaction} ${e.url}\n`);
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      await sim.stop();
      io.err('mhd: stopped\n');
    });
};
