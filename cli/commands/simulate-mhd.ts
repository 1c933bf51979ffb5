// `mcwg simulate mhd`: the MHD Document Recipient/Responder (ITI-65/66/67/68) at /fhir until
// SIGINT/SIGTERM. Its default store is the XDS simulator's, so documents published with either
// protocol are found with both (run `simulate xds` beside it with the same --data or --store,
// or `simulate xds --mhd` to serve both from one process).
import type { Exchange } from '../../model/exchange.ts';
import { DEFAULT_MAX_BUNDLE_ENTRIES, mhdConfig } from '../../simulators/mhd/config.ts';
import { mhdSimulator, startMhd, type MhdPluginOptions, type MhdSimulator } from '../../simulators/mhd/index.ts';
import type { XdsStore } from '../../simulators/store/types.ts';
import { DEFAULT_REPOSITORY_UID, xdsConfig } from '../../simulators/xds/config.ts';
import { UsageError } from '../errors.ts';
import type { Io } from '../io.ts';
import { bytesOption, intOption, openStoreOption, portOption, serveUntilSignal, storeLabel, storeSpecOf } from '../simulate-lifecycle.ts';
import { toolVersion } from '../version.ts';
import type { RegisterSimulator } from './simulate.ts';
import { addAuthOptions, addTlsOptions, authOf, tlsServerOf } from './simulate-tls.ts';
import type { TlsFlags } from '../../simulators/tls/options.ts';
import type { TlsOptions } from 'node:tls';
import type { VerifierOptions } from '../../simulators/auth/verify.ts';

/** The registry options `simulate mhd` and `simulate xds` share. */
export interface RegistryOpts {
  acceptAnyPatient: boolean;
  patient: string[];
  strictness: string;
  repositoryUid: string;
}

interface Opts extends RegistryOpts, TlsFlags {
  authJwks?: string;
  authAudience?: string;
  port: string;
  store?: string;
  data: string;
  maxBinary: string;
  maxEntries: string;
}

export const DEFAULT_MAX_BINARY = String(32 * 1024 * 1024);

/** The limits ITI-65 applies, as the CLI gives them. */
export interface BundleLimits {
  maxBinary: number;
  maxEntries: number;
}

export const MAX_ENTRIES_HELP =
  'most entries one ITI-65 Bundle may carry; a larger one is answered HTTP 413 with an OperationOutcome (issue code too-costly) before it is checked. Bundles of 64 KiB or more are checked on a worker thread, so other requests are not held up';

/** --max-entries: how many entries an ITI-65 Bundle may carry. */
export const maxEntriesOption = (text: string): number => intOption('--max-entries', text, 1, 1_000_000);

export function checkStrictness(s: string): 'strict' | 'lenient' {
  if (s !== 'strict' && s !== 'lenient') throw new UsageError(`--strictness ${s}: expected strict or lenient`);
  return s;
}

/**
 * The MHD plugin options over `store` with the registry rules of `o`. Bundles go through the
 * MHD validator; the XDS metadata validator is not added, so `simulate mhd` and `simulate xds
 * --mhd` accept the same Bundles.
 */
export function mhdOptionsOf(store: XdsStore, o: RegistryOpts & BundleLimits): MhdPluginOptions {
  const config = mhdConfig({
    xds: xdsConfig({
      repositoryUniqueId: o.repositoryUid,
      acceptAnyPatient: o.acceptAnyPatient,
      knownPatients: new Set(o.patient),
      strictness: checkStrictness(o.strictness),
    }),
    maxBinaryBytes: o.maxBinary,
    maxBundleEntries: o.maxEntries,
  });
  return { store, config, version: toolVersion() };
}

/** The MHD simulator as a plugin, to mount beside others on one port (`simulate xds --mhd`). */
export const mhdPluginOn = (store: XdsStore, o: RegistryOpts & BundleLimits) => mhdSimulator(mhdOptionsOf(store, o));

/** How the CLI logs each exchange on stderr. */
export const logExchange = (io: Io, name: string) => (e: Exchange) =>
  io.err(`${name}: ${e.transaction} from ${e.from} → ${e.response?.summary ?? 'no response'}${e.error ? ` (${e.error})` : ''}\n`);

export function startMhdOn(
  store: XdsStore,
  o: RegistryOpts & BundleLimits & { port: number; closeStore: boolean; tls?: TlsOptions; auth?: VerifierOptions },
  io: Io,
): Promise<MhdSimulator> {
  return startMhd({
    ...mhdOptionsOf(store, o),
    port: o.port,
    closeStore: o.closeStore,
    ...(o.tls ? { tls: o.tls } : {}),
    ...(o.auth ? { auth: o.auth } : {}),
    onExchange: logExchange(io, 'mhd'),
  });
}

export const registerSimulateMhd: RegisterSimulator = (simulate, io) => {
  addAuthOptions(addTlsOptions(simulate.command('mhd')))
    .description("run an MHD Document Recipient/Responder on FHIR R4 JSON (ITI-65, ITI-66, ITI-67, ITI-68) over the XDS simulator's store")
    .option('--port <N>', 'TCP port on 127.0.0.1 (0 = a free one)', '0')
    .option('--store <SPEC>', 'sqlite:FILE or postgres://… (default: sqlite:DIR/xds.sqlite, shared with `simulate xds`)')
    .option('--data <DIR>', 'folder for the default SQLite store', '.mcwg/xds')
    .option('--accept-any-patient', 'accept any patient ID (quick tries); otherwise only --patient IDs', false)
    .option(
      '--patient <CX>',
      'a patient ID of the affinity domain, e.g. PAT-1^^^&1.2.3&ISO (repeatable)',
      (v: string, all: string[]) => [...all, v],
      [] as string[],
    )
    .option('--strictness <MODE>', 'strict: validator errors reject an ITI-65 Bundle; lenient: they become warnings', 'strict')
    .option('--repository-uid <OID>', 'repositoryUniqueId given to documents received with ITI-65', DEFAULT_REPOSITORY_UID)
    .option('--max-binary <BYTES>', 'largest document (decoded Binary.data) accepted', DEFAULT_MAX_BINARY)
    .option('--max-entries <N>', MAX_ENTRIES_HELP, String(DEFAULT_MAX_BUNDLE_ENTRIES))
    .addHelpText(
      'after',
      `
Examples:
  mcwg simulate mhd --accept-any-patient
  mcwg simulate mhd --port 8081 --patient 'PAT-0001^^^&1.2.3.4.5.6.2&ISO' --data out/xds
  mcwg simulate mhd --store postgres://postgres@127.0.0.1:5432/postgres
  mcwg simulate xds --mhd --accept-any-patient       # XDS and MHD from one process`,
    )
    .action(async (o: Opts) => {
      const port = portOption(o.port);
      const tls = tlsServerOf(o);
      const auth = await authOf(o);
      checkStrictness(o.strictness);
      const maxBinary = bytesOption('--max-binary', o.maxBinary);
      const maxEntries = maxEntriesOption(o.maxEntries);
      if (!o.acceptAnyPatient && o.patient.length === 0)
        io.err('mhd: no --patient given and no --accept-any-patient: every ITI-65 will be XDSUnknownPatientId\n');
      const spec = storeSpecOf(o);
      const store = await openStoreOption(spec);
      const sim = await startMhdOn(
        store,
        { ...o, port, maxBinary, maxEntries, closeStore: true, ...(tls ? { tls } : {}), ...(auth ? { auth } : {}) },
        io,
      );
      io.err(`mhd: store ${store.kind} (${storeLabel(spec)}), FHIR base ${sim.base}\n`);
      await serveUntilSignal(io, 'mhd', sim);
    });
};
