// Responding Gateway core (ITI-38 Cross Gateway Query, ITI-39 Cross Gateway Retrieve, RAD-75):
// the community's own registry and repository answer, and the gateway stamps its
// homeCommunityId on everything it returns (XDS-027, XDS-028, XDS-029). Transport-free: a kit
// plugin mounts crossGatewayQuery and crossGatewayRetrieve on one table row each.
import { STATUS, type AdhocQueryRequest, type AdhocQueryResponse, type DocumentResponse } from '../../protocols/ebrim/index.ts';
import { XdsFailure } from '../xds/errors.ts';
import type { DocRequest } from '../xds/retrieve.ts';
import { QUERY } from '../xds/stored-query.ts';
import { mergedStatus, xcaError, type XcaError } from './errors.ts';
import { emptyObjectList, stampDocuments, stampHome } from './home.ts';

export interface RetrieveAnswer {
  status: string;
  errors: XcaError[];
  documents: DocumentResponse[];
}

/** One community behind the gateway: its registry's ITI-18 and repository's ITI-43 / RAD-69. */
export interface CommunityBackend {
  homeCommunityId: string;
  query(req: AdhocQueryRequest): Promise<AdhocQueryResponse>;
  retrieve(requests: DocRequest[]): Promise<RetrieveAnswer>;
}

// Queries by patient ID need no home; every other stored query names the community it
// addresses (ITI TF-2 3.38.4.1.2).
const PATIENT_QUERIES: ReadonlySet<string> = new Set([
  QUERY.FindDocuments,
  QUERY.FindDocumentsByReferenceId,
  QUERY.FindSubmissionSets,
  QUERY.FindFolders,
  QUERY.GetAll,
]);

export function needsHome(queryId: string): boolean {
  return !PATIENT_QUERIES.has(queryId);
}

export async function crossGatewayQuery(req: AdhocQueryRequest, backend: CommunityBackend): Promise<AdhocQueryResponse> {
  const home = backend.homeCommunityId;
  if (req.home !== undefined && req.home !== home)
    return failure([xcaError('XDSUnknownCommunity', `this gateway answers for ${home}, not ${req.home}`, req.home)]);
  if (req.home === undefined && needsHome(req.queryId))
    return failure([xcaError('XDSMissingHomeCommunityId', `stored query ${req.queryId} needs the home attribute on AdhocQuery`)]);
  let local: AdhocQueryResponse;
  try {
    local = await backend.query(req);
  } catch (err) {
    return failure(errorsOf(err, 'XDSRegistryError', home));
  }
  return { ...local, objects: stampHome(local.objects, home) };
}

export async function crossGatewayRetrieve(requests: readonly DocRequest[], backend: CommunityBackend): Promise<RetrieveAnswer> {
  const home = backend.homeCommunityId;
  const errors: XcaError[] = [];
  const ours: DocRequest[] = [];
  for (const r of requests) {
    if (!r.homeCommunityId)
      errors.push(
        xcaError('XDSMissingHomeCommunityId', `DocumentRequest for ${r.documentUniqueId} has no HomeCommunityId`, r.documentUniqueId),
      );
    else if (r.homeCommunityId !== home)
      errors.push(xcaError('XDSUnknownCommunity', `this gateway answers for ${home}, not ${r.homeCommunityId}`, r.homeCommunityId));
    else ours.push(r);
  }
  let local: RetrieveAnswer = { status: STATUS.success, errors: [], documents: [] };
  if (ours.length > 0) {
    try {
      local = await backend.retrieve(ours);
    } catch (err) {
      local = { status: STATUS.failure, errors: errorsOf(err, 'XDSRepositoryError', home), documents: [] };
    }
  }
  const documents = stampDocuments(local.documents, home);
  const all = [...errors, ...local.errors];
  return { status: mergedStatus(documents.length, all, local.status === STATUS.partialSuccess), errors: all, documents };
}

function failure(errors: XcaError[]): AdhocQueryResponse {
  return {
    kind: 'AdhocQueryResponse',
    status: STATUS.failure,
    objects: emptyObjectList(),
    errors: errors.map((e) => ({ ...e, path: '' })),
    path: '',
  };
}

/** XdsFailure keeps its own codes (bad query parameters); anything else is the community's fault. */
function errorsOf(err: unknown, code: 'XDSRegistryError' | 'XDSRepositoryError', home: string): XcaError[] {
  if (err instanceof XdsFailure)
    return err.errors.map((e) => ({
      errorCode: e.errorCode,
      codeContext: e.codeContext,
      severity: e.severity,
      ...(e.location === undefined ? {} : { location: e.location }),
    }));
  return [xcaError(code, `community ${home} failed: ${err instanceof Error ? err.message : String(err)}`, home)];
}
