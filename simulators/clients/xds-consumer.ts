// Document Consumer initiator: ITI-18 Registry Stored Query and ITI-43 Retrieve Document Set.
import { XDS_ACTION } from '../../protocols/ebrim/constants.ts';
import type { ConnectionOptions } from 'node:tls';
import type { Exchange } from '../../model/exchange.ts';
import {
  readEbrim,
  writeAdhocQueryRequest,
  writeRetrieveDocumentSetRequest,
  type AdhocQueryResponse,
  type DocumentRequest,
  type RetrieveDocumentSetResponse,
  type Slot,
} from '../../protocols/ebrim/index.ts';
import { normalizeCid } from '../../protocols/mtom/index.ts';
import { callSoap, type SoapResult } from './xds-soap.ts';

export const QUERY_ACTION = XDS_ACTION.query;
export const RETRIEVE_ACTION = XDS_ACTION.retrieve;

/** Parameter values are written as the wire wants them: strings quoted, lists in parentheses. */
export function param(name: string, ...values: string[]): Slot {
  return { name, values: [`(${values.map((v) => `'${v.replaceAll("'", "''")}'`).join(',')})`], path: '' };
}
export function rawParam(name: string, value: string): Slot {
  return { name, values: [value], path: '' };
}

export async function storedQuery(
  url: string,
  queryId: string,
  parameters: Slot[],
  record: (e: Exchange) => void,
  returnType: 'LeafClass' | 'ObjectRef' = 'LeafClass',
  tls?: ConnectionOptions,
): Promise<{ response?: AdhocQueryResponse; call: SoapResult }> {
  const call = await callSoap(
    {
      url,
      ...(tls ? { tls } : {}),
      action: QUERY_ACTION,
      transaction: 'ITI-18',
      bodyXml: writeAdhocQueryRequest({
        kind: 'AdhocQueryRequest',
        queryId,
        returnType,
        returnComposedObjects: true,
        parameters,
        path: '',
      }),
    },
    record,
  );
  if (!call.ok) return { call };
  const r = readEbrim(call.envelope.body);
  return r.ok && r.message.kind === 'AdhocQueryResponse' ? { response: r.message, call } : { call };
}

export interface RetrievedDocument {
  documentUniqueId: string;
  repositoryUniqueId: string;
  mimeType: string;
  data?: Buffer;
}

export async function retrieveDocuments(
  url: string,
  requests: Omit<DocumentRequest, 'path'>[],
  record: (e: Exchange) => void,
  tls?: ConnectionOptions,
): Promise<{ response?: RetrieveDocumentSetResponse; documents: RetrievedDocument[]; call: SoapResult }> {
  const bodyXml = writeRetrieveDocumentSetRequest({
    kind: 'RetrieveDocumentSetRequest',
    requests: requests.map((r) => ({ ...r, path: '' })),
    path: '',
  });
  const call = await callSoap({ url, action: RETRIEVE_ACTION, transaction: 'ITI-43', bodyXml, ...(tls ? { tls } : {}) }, record);
  return { ...retrieveResponseOf(call), call };
}

export function retrieveResponseOf(call: SoapResult): { response?: RetrieveDocumentSetResponse; documents: RetrievedDocument[] } {
  if (!call.ok) return { documents: [] };
  const r = readEbrim(call.envelope.body);
  if (!r.ok || r.message.kind !== 'RetrieveDocumentSetResponse') return { documents: [] };
  const documents = r.message.documents.map((d): RetrievedDocument => {
    const data = d.include !== undefined ? call.parts.get(normalizeCid(d.include))?.data : d.content && Buffer.from(d.content);
    return {
      documentUniqueId: d.documentUniqueId,
      repositoryUniqueId: d.repositoryUniqueId,
      mimeType: d.mimeType,
      ...(data ? { data } : {}),
    };
  });
  return { response: r.message, documents };
}
