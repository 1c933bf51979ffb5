// ITI-18 Registry Stored Query: every XDS.b stored query (ITI TF-2 3.18.4.1.2.3.7) over the
// store.
import type { AdhocQueryRequest } from '../../protocols/ebrim/index.ts';
import type {
  AssociationRecord,
  DocumentEntryRecord,
  EntryStatus,
  FindDocumentsQuery,
  FolderRecord,
  SubmissionSetRecord,
  XdsStore,
} from '../store/types.ts';
import { xdsError, XdsFailure } from './errors.ts';
import { Params } from './query-params.ts';

export const QUERY = {
  FindDocuments: 'urn:uuid:14d4debf-8f97-4251-9a74-a90016b0af0d',
  FindDocumentsByReferenceId: 'urn:uuid:12941a89-e02e-4be5-967c-ce4bfc8fe492',
  FindSubmissionSets: 'urn:uuid:f26abbcb-ac74-4422-8a30-edb644bbc1a9',
  FindFolders: 'urn:uuid:958f3006-baad-4929-a4de-ff1114824431',
  GetAll: 'urn:uuid:10b545ea-725c-446d-9b95-8aeb444eddf3',
  GetDocuments: 'urn:uuid:5c4f972b-d56b-40ac-a5fc-c8ca9b40b9d4',
  GetFolders: 'urn:uuid:5737b14c-8a1a-4539-b659-e03a34a5e1e4',
  GetAssociations: 'urn:uuid:a7ae438b-4bc2-4642-93e9-be891f7bb155',
  GetDocumentsAndAssociations: 'urn:uuid:bab9529a-4a10-40b3-a01f-f68a615d247a',
  GetSubmissionSets: 'urn:uuid:51224314-5390-4169-9b91-b1980040715a',
  GetSubmissionSetAndContents: 'urn:uuid:e8e3cb2c-e39c-46b9-99e4-c12f57260b83',
  GetFolderAndContents: 'urn:uuid:b909a503-523d-4517-8acf-8e5834dfc4c7',
  GetFoldersForDocument: 'urn:uuid:10cae35a-c7f9-4cf5-b61e-fc3278ffb578',
  GetRelatedDocuments: 'urn:uuid:d90e5407-b356-4d91-a89f-873917b4b0e6',
} as const;

export interface QueryResult {
  documents: DocumentEntryRecord[];
  submissionSets: SubmissionSetRecord[];
  folders: FolderRecord[];
  associations: AssociationRecord[];
}

const EMPTY = (): QueryResult => ({ documents: [], submissionSets: [], folders: [], associations: [] });
const HAS_MEMBER = 'urn:oasis:names:tc:ebxml-regrep:AssociationType:HasMember';

function statuses(p: Params, name: string, required: boolean): EntryStatus[] {
  const raw = required ? p.required(name) : (p.list(name) ?? []);
  return raw.map((s) => (s.endsWith(':Deprecated') ? 'Deprecated' : 'Approved'));
}

/** $XDSDocumentEntry… filters shared by FindDocuments, FindDocumentsByReferenceId and GetAll. */
function documentFilters(p: Params, patientId: string, status: EntryStatus[]): FindDocumentsQuery {
  const q: FindDocumentsQuery = { patientId, statuses: status };
  const set = <K extends keyof FindDocumentsQuery>(k: K, v: FindDocumentsQuery[K] | undefined) => {
    if (v !== undefined) q[k] = v;
  };
  const P = '$XDSDocumentEntry';
  set('classCodes', p.list(`${P}ClassCode`));
  set('typeCodes', p.list(`${P}TypeCode`));
  set('practiceSettingCodes', p.list(`${P}PracticeSettingCode`));
  set('healthcareFacilityTypeCodes', p.list(`${P}HealthcareFacilityTypeCode`));
  set('formatCodes', p.list(`${P}FormatCode`));
  set('eventCodeGroups', p.groups(`${P}EventCodeList`));
  set('confidentialityCodeGroups', p.groups(`${P}ConfidentialityCode`));
  set('authorPersons', p.list(`${P}AuthorPerson`));
  set('objectTypes', p.list(`${P}Type`));
  for (const [key, name] of [
    ['creationTimeFrom', 'CreationTimeFrom'],
    ['creationTimeTo', 'CreationTimeTo'],
    ['serviceStartTimeFrom', 'ServiceStartTimeFrom'],
    ['serviceStartTimeTo', 'ServiceStartTimeTo'],
    ['serviceStopTimeFrom', 'ServiceStopTimeFrom'],
    ['serviceStopTimeTo', 'ServiceStopTimeTo'],
  ] as const)
    set(key, p.single(`${P}${name}`));
  return q;
}

async function withMembership(store: XdsStore, docs: DocumentEntryRecord[]): Promise<AssociationRecord[]> {
  return store.associationsOf(docs.map((d) => d.entryUuid));
}

export async function runStoredQuery(q: AdhocQueryRequest, store: XdsStore, maxResults: number): Promise<QueryResult> {
  const p = new Params(q.parameters);
  const r = EMPTY();
  switch (q.queryId) {
    case QUERY.FindDocuments:
    case QUERY.FindDocumentsByReferenceId: {
      const f = documentFilters(p, p.requiredSingle('$XDSDocumentEntryPatientId'), statuses(p, '$XDSDocumentEntryStatus', true));
      if (q.queryId === QUERY.FindDocumentsByReferenceId) f.referenceIds = p.required('$XDSDocumentEntryReferenceIdList');
      else {
        const refs = p.list('$XDSDocumentEntryReferenceIdList');
        if (refs) f.referenceIds = refs;
      }
      f.limit = maxResults + 1;
      r.documents = await store.findDocuments(f);
      break;
    }
    case QUERY.FindSubmissionSets: {
      const f = {
        patientId: p.requiredSingle('$XDSSubmissionSetPatientId'),
        statuses: statuses(p, '$XDSSubmissionSetStatus', true),
        ...opt('sourceIds', p.list('$XDSSubmissionSetSourceId')),
        ...opt('contentTypeCodes', p.list('$XDSSubmissionSetContentType')),
        ...opt('submissionTimeFrom', p.single('$XDSSubmissionSetSubmissionTimeFrom')),
        ...opt('submissionTimeTo', p.single('$XDSSubmissionSetSubmissionTimeTo')),
      };
      r.submissionSets = await store.findSubmissionSets(f);
      break;
    }
    case QUERY.GetAll: {
      const pid = p.requiredSingle('$patientId');
      const f = documentFilters(p, pid, statuses(p, '$XDSDocumentEntryStatus', true));
      r.documents = await store.findDocuments(f);
      r.submissionSets = await store.findSubmissionSets({ patientId: pid, statuses: statuses(p, '$XDSSubmissionSetStatus', true) });
      r.folders = await store.findFolders({ patientId: pid, statuses: statuses(p, '$XDSFolderStatus', true) });
      r.associations = await store.associationsOf([
        ...r.documents.map((d) => d.entryUuid),
        ...r.submissionSets.map((s) => s.entryUuid),
        ...r.folders.map((f) => f.entryUuid),
      ]);
      break;
    }
    case QUERY.GetDocuments:
    case QUERY.GetDocumentsAndAssociations: {
      r.documents = await docsByIdParam(p, store);
      if (q.queryId === QUERY.GetDocumentsAndAssociations) r.associations = await withMembership(store, r.documents);
      break;
    }
    case QUERY.GetAssociations:
      r.associations = await store.associationsOf(p.required('$uuid'));
      break;
    case QUERY.GetSubmissionSets: {
      const uuids = p.required('$uuid');
      const members = (await store.associationsOf(uuids)).filter((a) => a.type === HAS_MEMBER && uuids.includes(a.targetUuid));
      r.submissionSets = await store.submissionSetsByUuid([...new Set(members.map((a) => a.sourceUuid))]);
      r.associations = members.filter((a) => r.submissionSets.some((s) => s.entryUuid === a.sourceUuid));
      break;
    }
    case QUERY.GetSubmissionSetAndContents: {
      const [name, ids] = p.oneOf('$XDSSubmissionSetEntryUUID', '$XDSSubmissionSetUniqueId');
      if (ids.length > 1) throw new XdsFailure([xdsError('XDSStoredQueryParamNumber', `${name} takes one value`)]);
      r.submissionSets =
        name === '$XDSSubmissionSetEntryUUID' ? await store.submissionSetsByUuid(ids) : await store.submissionSetsByUniqueId(ids);
      const ss = r.submissionSets[0];
      if (!ss) break;
      const members = (await store.associationsOf([ss.entryUuid])).filter((a) => a.sourceUuid === ss.entryUuid && a.type === HAS_MEMBER);
      r.documents = filterDocs(p, await store.documentsByUuid(members.map((a) => a.targetUuid)));
      r.folders = await store.foldersByUuid(members.map((a) => a.targetUuid));
      const kept = new Set([...r.documents, ...r.folders].map((o) => o.entryUuid));
      r.associations = members.filter((a) => kept.has(a.targetUuid));
      break;
    }
    case QUERY.GetRelatedDocuments: {
      const [doc] = await docsByIdParam(p, store);
      const types = p.required('$AssociationTypes');
      if (!doc) break;
      const rel = (await store.associationsOf([doc.entryUuid])).filter((a) => types.includes(a.type));
      if (rel.length === 0) break;
      const ids = new Set(rel.flatMap((a) => [a.sourceUuid, a.targetUuid]));
      r.documents = await store.documentsByUuid([...ids]);
      r.associations = rel;
      break;
    }
    case QUERY.FindFolders:
      r.folders = await store.findFolders({
        patientId: p.requiredSingle('$XDSFolderPatientId'),
        statuses: statuses(p, '$XDSFolderStatus', true),
        ...opt('lastUpdateTimeFrom', p.single('$XDSFolderLastUpdateTimeFrom')),
        ...opt('lastUpdateTimeTo', p.single('$XDSFolderLastUpdateTimeTo')),
        ...opt('codeGroups', p.groups('$XDSFolderCodeList')),
      });
      break;
    case QUERY.GetFolders:
      r.folders = await foldersByIdParam(p, store);
      break;
    case QUERY.GetFolderAndContents: {
      r.folders = await foldersByIdParam(p, store);
      const folder = r.folders[0];
      if (!folder) break;
      const members = (await store.associationsOf([folder.entryUuid])).filter(
        (a) => a.sourceUuid === folder.entryUuid && a.type === HAS_MEMBER,
      );
      r.documents = filterDocs(p, await store.documentsByUuid(members.map((a) => a.targetUuid)));
      r.associations = members.filter((a) => r.documents.some((d) => d.entryUuid === a.targetUuid));
      break;
    }
    case QUERY.GetFoldersForDocument: {
      const [doc] = await docsByIdParam(p, store);
      if (!doc) break;
      const into = (await store.associationsOf([doc.entryUuid])).filter((a) => a.targetUuid === doc.entryUuid && a.type === HAS_MEMBER);
      r.folders = await store.foldersByUuid(into.map((a) => a.sourceUuid));
      break;
    }
    default:
      throw new XdsFailure([xdsError('XDSUnknownStoredQuery', `unknown stored query id '${q.queryId}'`)]);
  }
  const total = r.documents.length + r.submissionSets.length + r.folders.length;
  if (total > maxResults)
    throw new XdsFailure([xdsError('XDSTooManyResults', `the query matches more than ${maxResults} objects; narrow it`)]);
  const patients = new Set([...r.documents, ...r.submissionSets, ...r.folders].map((o) => o.patientId));
  if (patients.size > 1) throw new XdsFailure([xdsError('XDSResultNotSinglePatient', `the result spans ${patients.size} patients`)]);
  return r;
}

async function docsByIdParam(p: Params, store: XdsStore): Promise<DocumentEntryRecord[]> {
  const [name, ids] = p.oneOf('$XDSDocumentEntryEntryUUID', '$XDSDocumentEntryUniqueId');
  return name === '$XDSDocumentEntryEntryUUID' ? store.documentsByUuid(ids) : store.documentsByUniqueId(ids);
}

async function foldersByIdParam(p: Params, store: XdsStore): Promise<FolderRecord[]> {
  const [name, ids] = p.oneOf('$XDSFolderEntryUUID', '$XDSFolderUniqueId');
  return name === '$XDSFolderEntryUUID' ? store.foldersByUuid(ids) : store.foldersByUniqueId(ids);
}

/** The optional entry filters of the *AndContents queries. */
function filterDocs(p: Params, docs: DocumentEntryRecord[]): DocumentEntryRecord[] {
  const key = (c: { code: string; scheme: string }) => `${c.code}^^^${c.scheme}`;
  const formats = p.list('$XDSDocumentEntryFormatCode');
  const types = p.list('$XDSDocumentEntryType');
  const conf = p.groups('$XDSDocumentEntryConfidentialityCode') ?? [];
  return docs.filter(
    (d) =>
      (!formats || (d.formatCode !== undefined && formats.includes(key(d.formatCode)))) &&
      (!types || types.includes(d.objectType)) &&
      conf.every((g) => d.confidentialityCodes.some((c) => g.includes(key(c)))),
  );
}

function opt<K extends string, V>(k: K, v: V | undefined): { [P in K]?: V } {
  return (v === undefined ? {} : { [k]: v }) as { [P in K]?: V };
}
