// ebRIM objects → store records: the indexed attributes of DocumentEntry and SubmissionSet
// (ITI TF-3 4.2.3.2 and 4.2.3.3).
import {
  classificationsOf,
  codingSchemeOf,
  DE,
  externalIdOf,
  FOLDER,
  SLOT,
  slotValues,
  SS,
  STATUS,
  type Classification,
  type DocumentEntry,
  type Folder,
  type RegistryObject,
  type SubmissionSet,
} from '../../protocols/ebrim/index.ts';
import type { Code, DocumentEntryRecord, EntryStatus, FolderRecord, SubmissionSetRecord } from '../store/types.ts';

export function codeOf(c: Classification): Code | undefined {
  const scheme = codingSchemeOf(c);
  if (!c.nodeRepresentation || !scheme) return undefined;
  return c.name?.value ? { code: c.nodeRepresentation, scheme, display: c.name.value } : { code: c.nodeRepresentation, scheme };
}

const codes = (o: RegistryObject, scheme: string) =>
  classificationsOf(o, scheme)
    .map(codeOf)
    .filter((c): c is Code => c !== undefined);
const first = (o: RegistryObject, scheme: string) => codes(o, scheme)[0];
const slot1 = (o: RegistryObject, name: string) => slotValues(o, name)[0];

function authors(o: RegistryObject, scheme: string): string[] {
  return classificationsOf(o, scheme).flatMap((c) => slotValues(c, 'authorPerson'));
}

export const statusWord = (s: string | undefined): EntryStatus => (s === STATUS.deprecated ? 'Deprecated' : 'Approved');
export const statusUrn = (s: EntryStatus): string => (s === 'Deprecated' ? STATUS.deprecated : STATUS.approved);

/** Undefined-valued keys are left out (exactOptionalPropertyTypes). */
function defined<T extends object>(o: { [K in keyof T]: T[K] | undefined }): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o as T;
}

export function documentEntryRecord(de: DocumentEntry, submissionSetUuid: string): DocumentEntryRecord {
  const size = slot1(de, 'size');
  return defined<DocumentEntryRecord>({
    entryUuid: de.id,
    uniqueId: externalIdOf(de, DE.uniqueId)?.value ?? '',
    logicalId: de.lid ?? de.id,
    patientId: externalIdOf(de, DE.patientId)?.value ?? '',
    status: 'Approved',
    objectType: de.objectType ?? '',
    mimeType: de.mimeType ?? '',
    hash: slot1(de, 'hash')?.toLowerCase(),
    size: size === undefined || !/^\d+$/.test(size) ? undefined : Number(size),
    repositoryUniqueId: slot1(de, 'repositoryUniqueId'),
    creationTime: slot1(de, 'creationTime'),
    serviceStartTime: slot1(de, 'serviceStartTime'),
    serviceStopTime: slot1(de, 'serviceStopTime'),
    classCode: first(de, DE.classCode),
    typeCode: first(de, DE.typeCode),
    formatCode: first(de, DE.formatCode),
    practiceSettingCode: first(de, DE.practiceSettingCode),
    healthcareFacilityTypeCode: first(de, DE.healthcareFacilityTypeCode),
    confidentialityCodes: codes(de, DE.confidentialityCode),
    eventCodes: codes(de, DE.eventCodeList),
    referenceIds: slotValues(de, SLOT.referenceIdList),
    authorPersons: authors(de, DE.author),
    title: de.name?.value,
    languageCode: slot1(de, 'languageCode'),
    submissionSetUuid,
    object: de,
  });
}

export function submissionSetRecord(ss: SubmissionSet): SubmissionSetRecord {
  return defined<SubmissionSetRecord>({
    entryUuid: ss.id,
    uniqueId: externalIdOf(ss, SS.uniqueId)?.value ?? '',
    patientId: externalIdOf(ss, SS.patientId)?.value ?? '',
    sourceId: externalIdOf(ss, SS.sourceId)?.value ?? '',
    submissionTime: slot1(ss, 'submissionTime'),
    contentTypeCode: first(ss, SS.contentTypeCode),
    authorPersons: authors(ss, SS.author),
    status: 'Approved',
    object: ss,
  });
}

/** UTC now as a DTM, for Folder lastUpdateTime. */
export function nowDtm(): string {
  return new Date()
    .toISOString()
    .replace(/[^0-9]/g, '')
    .slice(0, 14);
}

export function folderRecord(f: Folder): FolderRecord {
  const lastUpdateTime = nowDtm();
  const object: Folder = {
    ...f,
    slots: [...f.slots.filter((s) => s.name !== 'lastUpdateTime'), { name: 'lastUpdateTime', values: [lastUpdateTime], path: '' }],
  };
  return {
    entryUuid: f.id,
    uniqueId: externalIdOf(f, FOLDER.uniqueId)?.value ?? '',
    patientId: externalIdOf(f, FOLDER.patientId)?.value ?? '',
    status: 'Approved',
    lastUpdateTime,
    codeList: codes(f, FOLDER.codeList),
    object,
  };
}
