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
  /** Above this many matches ITI-67 answers with an OperationOutcome (too-costly). */
  maxResults: number;
  /** XDS codingScheme OIDs a token without a system may be in. */
  codingSchemes: readonly string[];
  /** CXi.5 types a `related` identifier may carry (VS-REFERENCE-ID-TYPE). */
  referenceIdTypes: readonly string[];
}

/** Far above a real submission (one SubmissionSet, its documents and Binaries), far below a stall. */
export const DEFAULT_MAX_BUNDLE_ENTRIES = 2_000;

export function mhdConfig(over: Partial<MhdConfig> = {}): MhdConfig {
  const vs = loadValueSets();
  return {
    xds: xdsConfig(),
    systems: tableFromSchemes(vs.schemes),
    codingSchemes: Object.values(vs.schemes).flatMap((s) => (s.oid ? [s.oid] : [])),
    referenceIdTypes: vs.get('VS-REFERENCE-ID-TYPE')?.codes.map((c) => c.code) ?? [],
    maxBinaryBytes: 32 * 1024 * 1024,
    validate: mhdBundleValidator(),
    maxResults: 10_000,
    maxBundleEntries: DEFAULT_MAX_BUNDLE_ENTRIES,
    ...over,
  };
}
