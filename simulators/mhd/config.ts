// What an MHD Document Recipient/Responder is configured with. It fronts the same store and
// the same registry rules as the XDS simulator, so its XdsConfig is the XDS one.
import type { Bundle } from 'fhir/r4.js';
import { tableFromSchemes, type SystemTable } from '../../protocols/fhir/index.ts';
import { loadValueSets } from '../../validators/catalogue/value-sets.ts';
import type { FindingRecord } from '../store/types.ts';
import { xdsConfig, type XdsConfig } from '../xds/config.ts';
import { mhdBundleValidator } from './mhd-validator.ts';

/** MHD rules over a whole ITI-65 Bundle; paths are FHIRPaths. */
export type BundleValidator = (bundle: Bundle) => FindingRecord[];

export interface MhdConfig {
  xds: XdsConfig;
  /** Coding systems: FHIR URI <-> XDS codingScheme OID (value-sets.yaml). */
  systems: SystemTable;
  /** Decoded Binary.data above this many bytes is refused with 413. */
  maxBinaryBytes: number;
  /** Runs on every ITI-65 Bundle; error findings reject it when xds.strictness is 'strict'. */
  validate?: BundleValidator;
  /** Entries one ITI-65 Bundle may carry; more are refused (413, too-costly) before any schema work. */
  maxBundleEntries: number;
  /** ITI-65 bodies of at least this many bytes are checked and mapped on a worker thread, off the event loop. */
  offLoopBytes: number;
  /** Time budget of that worker per Bundle, ms: past it the Bundle is refused (413, too-costly) and nothing is stored. */
  bundleBudgetMs: number;
  /** Heap bound of that worker, MB: a Bundle needing more is refused the same way. */
  bundleHeapMb: number;
  /** Above this many matches ITI-67 answers with an OperationOutcome (too-costly). */
  maxResults: number;
  /** XDS codingScheme OIDs a token without a system may be in. */
  codingSchemes: readonly string[];
  /** CXi.5 types a `related` identifier may carry (VS-REFERENCE-ID-TYPE). */
  referenceIdTypes: readonly string[];
}

/** Far above a real submission (one SubmissionSet, its documents and Binaries), far below a stall. */
export const DEFAULT_MAX_BUNDLE_ENTRIES = 2_000;

/**
 * About 40 entries, a few ms of schema work: below it a worker round trip costs more than it
 * saves; above it the work would hold the event loop long enough to delay other requests.
 */
export const DEFAULT_OFF_LOOP_BYTES = 64 * 1024;

/** The table and validator mhdConfig() builds itself: a worker thread can build the same ones. */
const builtIn = new WeakSet<object>();

/**
 * What a worker thread needs to check and map a Bundle exactly as `cfg` would, or undefined
 * when `cfg` carries a caller's own coding-system table or validator (functions do not cross
 * to a worker): such Bundles are then checked on the event loop.
 */
export interface OffLoopSettings {
  maxBundleEntries: number;
  maxBinaryBytes: number;
  strictness: XdsConfig['strictness'];
  validate: boolean;
}

export function offLoopSettings(cfg: MhdConfig): OffLoopSettings | undefined {
  if (!builtIn.has(cfg.systems) || (cfg.validate !== undefined && !builtIn.has(cfg.validate))) return undefined;
  return {
    maxBundleEntries: cfg.maxBundleEntries,
    maxBinaryBytes: cfg.maxBinaryBytes,
    strictness: cfg.xds.strictness,
    validate: cfg.validate !== undefined,
  };
}

/** The config a worker thread checks a Bundle with. */
export function configOf(s: OffLoopSettings): MhdConfig {
  const cfg = mhdConfig({
    xds: xdsConfig({ strictness: s.strictness }),
    maxBundleEntries: s.maxBundleEntries,
    maxBinaryBytes: s.maxBinaryBytes,
  });
  if (!s.validate) delete cfg.validate;
  return cfg;
}

export function mhdConfig(over: Partial<MhdConfig> = {}): MhdConfig {
  const vs = loadValueSets();
  const systems = tableFromSchemes(vs.schemes);
  const validate = mhdBundleValidator();
  builtIn.add(systems).add(validate);
  return {
    xds: xdsConfig(),
    systems,
    codingSchemes: Object.values(vs.schemes).flatMap((s) => (s.oid ? [s.oid] : [])),
    referenceIdTypes: vs.get('VS-REFERENCE-ID-TYPE')?.codes.map((c) => c.code) ?? [],
    maxBinaryBytes: 32 * 1024 * 1024,
    validate,
    maxResults: 10_000,
    maxBundleEntries: DEFAULT_MAX_BUNDLE_ENTRIES,
    offLoopBytes: DEFAULT_OFF_LOOP_BYTES,
    bundleBudgetMs: 60_000,
    bundleHeapMb: 1_024,
    ...over,
  };
}
