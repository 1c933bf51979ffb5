// `mcwg simulate xds`: the XDS.b / XDS-I.b registry + repository until SIGINT/SIGTERM. Data
// lives in the store (SQLite file under --data by default), so it survives restarts. With
// --mhd the MHD responder is mounted beside it on the same port and the same store, so a
// document published with either protocol is found and retrieved with both.
import { indexFolder } from '../../simulators/wado-rs/store.ts';
import { DEFAULT_MAX_SUBMISSION_ENTRIES, DEFAULT_REPOSITORY_UID, xdsConfig } from '../../simulators/xds/config.ts';
import { metadataValidator } from '../../simulators/xds/metadata-validator.ts';
import { startSimulators } from '../../simulators/kit/start.ts';
import { xdsSimulator } from '../../simulators/xds/server.ts';
import { warmOffLoop } from '../../simulators/xds/submission-off-loop.ts';
import { bytesOption, openStoreOption, portOption, serveUntilSignal, storeLabel, storeSpecOf } from '../simulate-lifecycle.ts';
import {
  DEFAULT_MAX_BINARY,
  MAX_ENTRIES_HELP,
  checkStrictness,
  logExchange,
  maxEntriesOption,
  mhdPluginOn,
  type RegistryOpts,
} from './simulate-mhd.ts';
import type { RegisterSimulator } from './simulate.ts';
import { addTlsOptions, tlsServerOf } from './simulate-tls.ts';
import type { TlsFlags } from '../../simulators/tls/options.ts';
import { xdsAuditHook } from '../../simulators/xds/audit.ts';
import { addAuditToOptions, auditSenderOf, type AuditToFlags } from './audit-to.ts';

interface Opts extends RegistryOpts, TlsFlags, AuditToFlags {
  port: string;
  store?: string;
  data: string;
  dicom?: string;
  maxBody: string;
  mhd: boolean;
  mhdPort: string;
  maxBinary: string;
  maxEntries: string;
}

// The same flag and default as `simulate mhd --max-entries`: one limit for both protocols on one store.
const XDS_MAX_ENTRIES_HELP = `most DocumentEntries one ITI-41, RAD-68 or ITI-42 submission may carry; a larger one gets a RegistryResponse Failure (XDSRepositoryError for ITI-41/RAD-68, XDSRegistryError for ITI-42) naming the limit, before any validation (an MTOM request of more than N + 1 parts, and at least 1000, is refused earlier with a SOAP Sender fault, HTTP 400, while it is read). Big submissions are checked on a worker thread, so other requests are not held up. With --mhd, the same number is the ${MAX_ENTRIES_HELP}`;

export const registerSimulateXds: RegisterSimulator = (simulate, io) => {
  addAuditToOptions(addTlsOptions(simulate.command('xds')))
    .description(
      'run an XDS.b / XDS-I.b document registry and repository (ITI-18, ITI-41, ITI-42, ITI-43, RAD-68, RAD-69) over SOAP 1.2 + MTOM',
    )
    .option('--port <N>', 'TCP port on 127.0.0.1 (0 = a free one)', '0')
    .option('--store <SPEC>', 'sqlite:FILE or postgres://… (default: sqlite:DIR/xds.sqlite)')
    .option('--data <DIR>', 'folder for the default SQLite store', '.mcwg/xds')
    .option('--accept-any-patient', 'register any patient ID (quick tries); otherwise only --patient IDs', false)
    .option(
      '--patient <CX>',
      'a patient ID of the affinity domain, e.g. PAT-1^^^&1.2.3&ISO (repeatable)',
      (v: string, all: string[]) => [...all, v],
      [] as string[],
    )
    .option('--strictness <MODE>', 'strict: metadata validator errors reject a submission; lenient: they become warnings', 'strict')
    .option('--repository-uid <OID>', 'repositoryUniqueId of this repository', DEFAULT_REPOSITORY_UID)
    .option('--dicom <DIR>', 'folder of DICOM Part 10 files served by RAD-69 (indexed once at start)')
    .option('--max-body <BYTES>', 'largest request body accepted', String(512 * 1024 * 1024))
    .option('--mhd', 'also serve the MHD responder (ITI-65, ITI-66, ITI-67, ITI-68) on the same port and store, at /fhir', false)
    .option('--mhd-port <N>', 'ignored: with --mhd both are served on --port (kept so older scripts still start)', '0')
    .option('--max-binary <BYTES>', 'with --mhd: largest document (decoded Binary.data) ITI-65 accepts', DEFAULT_MAX_BINARY)
    .option('--max-entries <N>', XDS_MAX_ENTRIES_HELP, String(DEFAULT_MAX_SUBMISSION_ENTRIES))
    .addHelpText(
      'after',
      `
Examples:
  mcwg simulate xds --accept-any-patient
  mcwg simulate xds --port 8080 --patient 'PAT-0001^^^&1.2.3.4.5.6.2&ISO' --data out/xds
  mcwg simulate xds --store postgres://postgres@127.0.0.1:5432/postgres --strictness lenient
  mcwg simulate xds --mhd --port 8080 --accept-any-patient     # /xds/registry, /xds/repository and /fhir on 8080
  mcwg simulate xds --accept-any-patient --audit-to tcp://127.0.0.1:6514   # an audit per ITI-41/ITI-18/ITI-43 served`,
    )
    .action(async (o: Opts) => {
      const port = portOption(o.port);
      const tls = tlsServerOf(o);
      const strictness = checkStrictness(o.strictness);
      const maxBody = bytesOption('--max-body', o.maxBody);
      const mhdPort = portOption(o.mhdPort, '--mhd-port');
      const maxBinary = bytesOption('--max-binary', o.maxBinary);
      const maxEntries = maxEntriesOption(o.maxEntries);
      if (!o.acceptAnyPatient && o.patient.length === 0)
        io.err('xds: no --patient given and no --accept-any-patient: every submission will be XDSUnknownPatientId\n');
      const audit = auditSenderOf(o, io, 'xds');
      const auditHook = audit && xdsAuditHook(audit);
      const spec = storeSpecOf(o);
      const store = await openStoreOption(spec);
      const imaging = o.dicom ? await indexFolder(o.dicom) : undefined;
      for (const s of imaging?.skipped ?? []) io.err(`xds: RAD-69 skips ${s.path}: ${s.reason}\n`);
      const config = xdsConfig({
        repositoryUniqueId: o.repositoryUid,
        acceptAnyPatient: o.acceptAnyPatient,
        knownPatients: new Set(o.patient),
        strictness,
        maxEntries,
        validate: metadataValidator(),
        ...(imaging ? { imaging } : {}),
      });
      if (o.mhdPort !== '0') io.err(`xds: --mhd-port ${mhdPort} is ignored; MHD is served on the same port as XDS\n`);
      const mhd = o.mhd ? mhdPluginOn(store, { ...o, maxBinary, maxEntries }) : undefined;
      // The worker that checks big submissions starts now, not on the first one.
      const xdsReady = warmOffLoop(config);
      const plugins = [xdsSimulator({ store, config, maxBodyBytes: maxBody }), ...(mhd ? [mhd.plugin] : [])];
      const running = await startSimulators({
        plugins,
        port,
        store,
        closeStore: true,
        ...(tls ? { tls } : {}),
        onExchange: (name, e) => {
          logExchange(io, name)(e);
          if (name === 'xds') auditHook?.(e);
        },
      }).catch(async (err: unknown) => {
        await store.close();
        throw err;
      });
      io.err(`xds: store ${store.kind} (${storeLabel(spec)}), repositoryUniqueId ${config.repositoryUniqueId}\n`);
      if (o.mhd) io.err(`xds: MHD responder on the same port and store, FHIR base ${running.simulators.mhd!.base}\n`);
      await mhd?.ready;
      await xdsReady;
      await serveUntilSignal(io, 'xds', running);
    });
};
