// `mcwg simulate xds`: the XDS.b / XDS-I.b registry + repository until SIGINT/SIGTERM. Data
// lives in the store (SQLite file under --data by default), so it survives restarts.
import { join } from 'node:path';
import { openStore } from '../../simulators/store/open-store.ts';
import { DEFAULT_REPOSITORY_UID, xdsConfig } from '../../simulators/xds/config.ts';
import { metadataValidator } from '../../simulators/xds/metadata-validator.ts';
import { startXds } from '../../simulators/xds/server.ts';
import { indexFolder } from '../../simulators/wado-rs/store.ts';
import { UsageError } from '../errors.ts';
import type { RegisterSimulator } from './simulate.ts';

interface Opts {
  port: string;
  store?: string;
  data: string;
  acceptAnyPatient: boolean;
  patient: string[];
  strictness: string;
  repositoryUid: string;
  dicom?: string;
  maxBody: string;
}

export const registerSimulateXds: RegisterSimulator = (simulate, io) => {
  simulate
    .command('xds')
    .description('run an XDS.b / XDS-I.b document registry and repository (ITI-18, ITI-41, ITI-42, ITI-43, RAD-68, RAD-69) over SOAP 1.2 + MTOM')
    .option('--port <N>', 'TCP port on 127.0.0.1 (0 = a free one)', '0')
    .option('--store <SPEC>', 'sqlite:FILE or postgres://… (default: sqlite:DIR/xds.sqlite)')
    .option('--data <DIR>', 'folder for the default SQLite store', '.mcwg/xds')
    .option('--accept-any-patient', 'register any patient ID (quick tries); otherwise only --patient IDs', false)
    .option('--patient <CX>', 'a patient ID of the affinity domain, e.g. PAT-1^^^&1.2.3&ISO (repeatable)', (v: string, all: string[]) => [...all, v], [] as string[])
    .option('--strictness <MODE>', 'strict: metadata validator errors reject a submission; lenient: they become warnings', 'strict')
    .option('--repository-uid <OID>', 'repositoryUniqueId of this repository', DEFAULT_REPOSITORY_UID)
    .option('--dicom <DIR>', 'folder of DICOM Part 10 files served by RAD-69 (indexed once at start)')
    .option('--max-body <BYTES>', 'largest request body accepted', String(512 * 1024 * 1024))
    .addHelpText(
      'after',
      `
Examples:
  mcwg simulate xds --accept-any-patient
  mcwg simulate xds --port 8080 --patient 'PAT-0001^^^&1.2.3.4.5.6.2&ISO' --data out/xds
  mcwg simulate xds --store postgres://postgres@127.0.0.1:5432/postgres --strictness lenient`,
    )
    .action(async (o: Opts) => {
      const port = Number(o.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port ${o.port}: expected 0..65535`);
      if (o.strictness !== 'strict' && o.strictness !== 'lenient') throw new UsageError(`--strictness ${o.strictness}: expected strict or lenient`);
      const maxBody = Number(o.maxBody);
      if (!Number.isInteger(maxBody) || maxBody <= 0) throw new UsageError(`--max-body ${o.maxBody}: expected a positive number of bytes`);
      if (!o.acceptAnyPatient && o.patient.length === 0) io.err('xds: no --patient given and no --accept-any-patient: every submission will be XDSUnknownPatientId\n');
      const spec = o.store ?? `sqlite:${join(o.data, 'xds.sqlite')}`;
      let store;
      try {
        store = await openStore(spec);
      } catch (err) {
        throw new UsageError(`--store ${spec}: ${(err as Error).message}`);
      }
      const imaging = o.dicom ? await indexFolder(o.dicom) : undefined;
      for (const s of imaging?.skipped ?? []) io.err(`xds: RAD-69 skips ${s.path}: ${s.reason}\n`);
      const config = xdsConfig({
        repositoryUniqueId: o.repositoryUid,
        acceptAnyPatient: o.acceptAnyPatient,
        knownPatients: new Set(o.patient),
        strictness: o.strictness,
        validate: metadataValidator(),
        ...(imaging ? { imaging } : {}),
      });
      const sim = await startXds({
        port,
        store,
        config,
        maxBodyBytes: maxBody,
        onExchange: (e) => io.err(`xds: ${e.transaction} from ${e.from} → ${e.response?.summary ?? 'no response'}${e.error ? ` (${e.error})` : ''}\n`),
      });
      io.err(`xds: store ${store.kind} (${spec.startsWith('postgres') ? 'PostgreSQL' : spec}), repositoryUniqueId ${config.repositoryUniqueId}\n`);
      for (const e of sim.endpoints) io.out(`${e.transaction} ${e.url}\n`);
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      await sim.stop();
      io.err('xds: stopped\n');
    });
};
