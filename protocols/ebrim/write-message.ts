// Writes ebRS 3.0 / XDS.b messages as XML strings (no XML declaration; callers wrap them in
// SOAP). Documents in ProvideAndRegister are written as xop:Include when they carry a cid.
import { ERROR_SEVERITY } from './constants.ts';
import type {
  AdhocQueryRequest,
  AdhocQueryResponse,
  AttachedDocument,
  RegistryError,
  RetrieveDocumentSetRequest,
  RetrieveDocumentSetResponse,
  SubmitObjectsRequest,
} from './model.ts';
import { writeRegistryObjectList, writeSlots } from './write-objects.ts';
import { NS, escapeXml as e } from '../xml/index.ts';

const NSDECL = `xmlns:rim="${NS.rim}"`;

export function writeSubmitObjectsRequest(req: SubmitObjectsRequest, declare = true): string {
  return `<lcm:SubmitObjectsRequest xmlns:lcm="${NS.lcm}"${declare ? ` ${NSDECL}` : ''}>${writeRegistryObjectList(req.objects)}</lcm:SubmitObjectsRequest>`;
}

/** xds:ProvideAndRegisterDocumentSetRequest with req.documents (inline base64 or xop:Include). */
export function writeProvideAndRegister(req: SubmitObjectsRequest): string {
  const docs = (req.documents ?? []).map(writeDocument).join('');
  return `<xds:ProvideAndRegisterDocumentSetRequest xmlns:xds="${NS.xds}" ${NSDECL}>${writeSubmitObjectsRequest(req, false)}${docs}</xds:ProvideAndRegisterDocumentSetRequest>`;
}

function writeDocument(d: AttachedDocument): string {
  if (d.include !== undefined)
    return `<xds:Document id="${e(d.id)}"><xop:Include xmlns:xop="${NS.xop}" href="${e(d.include)}"/></xds:Document>`;
  return `<xds:Document id="${e(d.id)}">${Buffer.from(d.content ?? new Uint8Array()).toString('base64')}</xds:Document>`;
}

/** status plus errors; `path` and `kind` are not needed to write. */
export function writeRegistryResponse(r: { status: string; errors: readonly (RegistryError | Omit<RegistryError, 'path'>)[] }): string {
  return `<rs:RegistryResponse xmlns:rs="${NS.rs}" status="${e(r.status)}">${writeErrors(r.errors)}</rs:RegistryResponse>`;
}

function writeErrors(errors: readonly (RegistryError | Omit<RegistryError, 'path'>)[]): string {
  if (errors.length === 0) return '';
  const items = errors.map(
    (x) =>
      `<rs:RegistryError errorCode="${e(x.errorCode)}" codeContext="${e(x.codeContext)}" severity="${e(x.severity || ERROR_SEVERITY.error)}"${x.location === undefined ? '' : ` location="${e(x.location)}"`}/>`,
  );
  return `<rs:RegistryErrorList>${items.join('')}</rs:RegistryErrorList>`;
}

export function writeAdhocQueryRequest(q: AdhocQueryRequest): string {
  const rco = q.returnComposedObjects === undefined ? '' : ` returnComposedObjects="${q.returnComposedObjects}"`;
  return (
    `<query:AdhocQueryRequest xmlns:query="${NS.query}" ${NSDECL}>` +
    `<query:ResponseOption returnType="${e(q.returnType)}"${rco}/>` +
    `<rim:AdhocQuery id="${e(q.queryId)}"${q.home === undefined ? '' : ` home="${e(q.home)}"`}>${writeSlots(q.parameters)}</rim:AdhocQuery>` +
    '</query:AdhocQueryRequest>'
  );
}

export function writeAdhocQueryResponse(r: AdhocQueryResponse): string {
  return `<query:AdhocQueryResponse xmlns:query="${NS.query}" xmlns:rs="${NS.rs}" ${NSDECL} status="${e(r.status)}">${writeErrors(r.errors)}${writeRegistryObjectList(r.objects)}</query:AdhocQueryResponse>`;
}

export function writeRetrieveDocumentSetRequest(r: RetrieveDocumentSetRequest): string {
  const items = r.requests.map(
    (d) =>
      `<xds:DocumentRequest>${d.homeCommunityId === undefined ? '' : `<xds:HomeCommunityId>${e(d.homeCommunityId)}</xds:HomeCommunityId>`}<xds:RepositoryUniqueId>${e(d.repositoryUniqueId)}</xds:RepositoryUniqueId><xds:DocumentUniqueId>${e(d.documentUniqueId)}</xds:DocumentUniqueId></xds:DocumentRequest>`,
  );
  return `<xds:RetrieveDocumentSetRequest xmlns:xds="${NS.xds}">${items.join('')}</xds:RetrieveDocumentSetRequest>`;
}

export function writeRetrieveDocumentSetResponse(r: RetrieveDocumentSetResponse): string {
  const docs = r.documents.map((d) => {
    const content =
      d.include !== undefined
        ? `<xop:Include xmlns:xop="${NS.xop}" href="${e(d.include)}"/>`
        : Buffer.from(d.content ?? new Uint8Array()).toString('base64');
    return `<xds:DocumentResponse>${d.homeCommunityId === undefined ? '' : `<xds:HomeCommunityId>${e(d.homeCommunityId)}</xds:HomeCommunityId>`}<xds:RepositoryUniqueId>${e(d.repositoryUniqueId)}</xds:RepositoryUniqueId><xds:DocumentUniqueId>${e(d.documentUniqueId)}</xds:DocumentUniqueId><xds:mimeType>${e(d.mimeType)}</xds:mimeType><xds:Document>${content}</xds:Document></xds:DocumentResponse>`;
  });
  return `<xds:RetrieveDocumentSetResponse xmlns:xds="${NS.xds}">${writeRegistryResponse(r.response)}${docs.join('')}</xds:RetrieveDocumentSetResponse>`;
}
