import type { Exchange } from '../../model/exchange.ts';
import type { Association, DocumentEntry, Folder, SubmissionSet } from '../../protocols/ebrim/index.ts';

// Records the XDS registry and repository keep. Columns are chosen so an MHD responder can
// later serve the same documents (DocumentReference from DocumentEntry, List from
// SubmissionSet, Binary from the stored bytes) without re-parsing ebRIM.

/** A coded value as `code^^^codingScheme`, the stored-query wire form (ITI TF-2 3.18.4.1.2.3.7.2). */
export type CodeKey = string;

export interface Code {
  code: string;
  scheme: string;
  display?: string;
}

export const codeKey = (c: { code: string; scheme: string }): CodeKey => `${c.code}^^^${c.scheme}`;

export type EntryStatus = 'Approved' | 'Deprecated';

export interface DocumentEntryRecord {
  entryUuid: string;
  uniqueId: string;
  logicalId: string;
  patientId: string;
  status: EntryStatus;
  objectType: string;
  mimeType: string;
  hash?: string;
  size?: number;
  repositoryUniqueId?: string;
  /** DTM as received. */
  creationTime?: string;
  serviceStartTime?: string;
  serviceStopTime?: string;
  classCode?: Code;
  typeCode?: Code;
  formatCode?: Code;
  practiceSettingCode?: Code;
  healthcareFacilityTypeCode?: Code;
  confidentialityCodes: Code[];
  eventCodes: Code[];
  /** CXi values of urn:ihe:iti:xds:2013:referenceIdList. */
  referenceIds: string[];
  authorPersons: string[];
  title?: string;
  languageCode?: string;
  submissionSetUuid: string;
  /** The ebRIM object as registered (repository slots included); its status is set when written out. */
  object: DocumentEntry;
}

export interface SubmissionSetRecord {
  entryUuid: string;
  uniqueId: string;
  patientId: string;
  sourceId: string;
  submissionTime?: string;
  contentTypeCode?: Code;
  authorPersons: string[];
  status: EntryStatus;
  object: SubmissionSet;
}

export interface FolderRecord {
  entryUuid: string;
  uniqueId: string;
  patientId: string;
  status: EntryStatus;
  /** Set by the registry on every change (ITI TF-3 4.2.3.4.4). */
  lastUpdateTime: string;
  codeList: Code[];
  object: Folder;
}

export interface FindFoldersQuery {
  patientId: string;
  statuses: EntryStatus[];
  lastUpdateTimeFrom?: string;
  lastUpdateTimeTo?: string;
  /** AND of OR groups, like eventCodeList. */
  codeGroups?: CodeKey[][];
}

export interface AssociationRecord {
  entryUuid: string;
  type: string;
  sourceUuid: string;
  targetUuid: string;
  status: EntryStatus;
  submissionSetUuid: string;
  object: Association;
}

export interface StoredDocument {
  uniqueId: string;
  repositoryUniqueId: string;
  mimeType: string;
  /** SHA-1, lowercase hex (ITI TF-3 4.2.3.2.12). */
  hash: string;
  size: number;
  data: Buffer;
}

export interface FindingRecord {
  ruleId: string;
  reqIds: string[];
  severity: 'error' | 'warning' | 'info';
  message: string;
  path: string;
}

/** Everything one ITI-41/42 submission changes; committed in one transaction or not at all. */
export interface Submission {
  submissionSet: SubmissionSetRecord;
  documentEntries: DocumentEntryRecord[];
  folders: FolderRecord[];
  associations: AssociationRecord[];
  documents: StoredDocument[];
  /** Entry UUIDs to move Approved → Deprecated (RPLC, XFRM_RPLC targets). */
  deprecate: string[];
  findings: FindingRecord[];
  exchangeId?: string;
}

export interface FindDocumentsQuery {
  patientId: string;
  statuses: EntryStatus[];
  objectTypes?: string[];
  /** Each list is an OR of values. */
  classCodes?: CodeKey[];
  typeCodes?: CodeKey[];
  practiceSettingCodes?: CodeKey[];
  healthcareFacilityTypeCodes?: CodeKey[];
  formatCodes?: CodeKey[];
  /** AND of groups, OR inside a group (ITI TF-2 3.18.4.1.2.3.5). */
  eventCodeGroups?: CodeKey[][];
  confidentialityCodeGroups?: CodeKey[][];
  /** OR of CXi values, matched exactly. */
  referenceIds?: string[];
  /** Inclusive From, exclusive To (XDS-019); DTM strings. */
  creationTimeFrom?: string;
  creationTimeTo?: string;
  serviceStartTimeFrom?: string;
  serviceStartTimeTo?: string;
  serviceStopTimeFrom?: string;
  serviceStopTimeTo?: string;
  /** SQL LIKE patterns (% and _), OR. */
  authorPersons?: string[];
  limit?: number;
}

export interface FindSubmissionSetsQuery {
  patientId: string;
  statuses: EntryStatus[];
  sourceIds?: string[];
  contentTypeCodes?: CodeKey[];
  submissionTimeFrom?: string;
  submissionTimeTo?: string;
}

export type ConflictKind = 'duplicate-unique-id' | 'not-approved' | 'duplicate-entry-uuid';

export class StoreConflictError extends Error {
  override name = 'StoreConflictError';
  constructor(
    readonly kind: ConflictKind,
    message: string,
  ) {
    super(message);
  }
}

export interface XdsStore {
  readonly kind: 'sqlite' | 'postgres';
  /** One transaction: all of it or none. Throws StoreConflictError on a uniqueness or status race. */
  commit(s: Submission): Promise<void>;
  findDocuments(q: FindDocumentsQuery): Promise<DocumentEntryRecord[]>;
  documentsByUuid(uuids: readonly string[]): Promise<DocumentEntryRecord[]>;
  documentsByUniqueId(uniqueIds: readonly string[]): Promise<DocumentEntryRecord[]>;
  findSubmissionSets(q: FindSubmissionSetsQuery): Promise<SubmissionSetRecord[]>;
  submissionSetsByUuid(uuids: readonly string[]): Promise<SubmissionSetRecord[]>;
  submissionSetsByUniqueId(uniqueIds: readonly string[]): Promise<SubmissionSetRecord[]>;
  findFolders(q: FindFoldersQuery): Promise<FolderRecord[]>;
  foldersByUuid(uuids: readonly string[]): Promise<FolderRecord[]>;
  foldersByUniqueId(uniqueIds: readonly string[]): Promise<FolderRecord[]>;
  /** Associations whose source or target is one of these. */
  associationsOf(uuids: readonly string[]): Promise<AssociationRecord[]>;
  documentContent(uniqueId: string): Promise<StoredDocument | undefined>;
  findingsOf(submissionSetUuid: string): Promise<FindingRecord[]>;
  /** Evidence kept across restarts, several exchanges in one transaction. */
  recordExchanges(list: readonly Exchange[]): Promise<void>;
  /** Oldest first. */
  exchanges(limit?: number): Promise<Exchange[]>;
  counts(): Promise<{ documentEntries: number; submissionSets: number; associations: number; documents: number }>;
  close(): Promise<void>;
}

/** DTM of any precision → 14 digits, so string order is time order (ITI TF-3 Table 4.2.3.1.7-2). */
export function dtmKey(dtm: string | undefined): string | null {
  if (!dtm) return null;
  const digits = dtm.replace(/[^0-9]/g, '').slice(0, 14);
  return digits.padEnd(14, '0');
}
