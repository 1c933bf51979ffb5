// What a registry/repository simulator is configured with.
import type { SubmitObjectsRequest } from '../../protocols/ebrim/index.ts';
import type { FindingRecord } from '../store/types.ts';
import type { WadoStore } from '../wado-rs/store.ts';

export type MetadataValidator = (req: SubmitObjectsRequest) => FindingRecord[];

export interface XdsConfig {
  repositoryUniqueId: string;
  /** Patient IDs (CX) of the affinity domain; ignored when acceptAnyPatient. */
  knownPatients: ReadonlySet<string>;
  acceptAnyPatient: boolean;
  /** 'strict': validator errors reject the submission; 'lenient': they come back as warnings. */
  strictness: 'strict' | 'lenient';
  validate?: MetadataValidator;
  /** Above this many results a stored query answers XDSTooManyResults. */
  maxResults: number;
  /** DICOM instances RAD-69 serves: an indexed folder, or the WADO-RS simulator's own store. */
  imaging?: WadoStore;
}

export const DEFAULT_REPOSITORY_UID = '1.3.6.1.4.1.21367.13.71.101';

export function xdsConfig(over: Partial<XdsConfig> = {}): XdsConfig {
  return {
    repositoryUniqueId: DEFAULT_REPOSITORY_UID,
    knownPatients: new Set(),
    acceptAnyPatient: false,
    strictness: 'strict',
    maxResults: 10_000,
    ...over,
  };
}
