// The cross-community calls as an initiator sends them (a plan calling a SUT gateway, or an
// initiating gateway calling its responding gateways): ITI-38 and ITI-39 over SOAP 1.2, each
// recorded as an Exchange by the shared SOAP client.
import type { Exchange } from '../../model/exchange.ts';
import {
  writeAdhocQueryRequest,
  writeRetrieveDocumentSetRequest,
  type AdhocQueryResponse,
  type Slot,
} from '../../protocols/ebrim/index.ts';
import { readEbrim } from '../../protocols/ebrim/index.ts';
import { retrieveResponseOf, type RetrievedDocument } from '../clients/xds-consumer.ts';
import { callSoap, type SoapResult } from '../clients/xds-soap.ts';
import type { DocRequest } from '../xds/retrieve.ts';
import { XCA_ACTION } from './actions.ts';
import { writeImagingSet, type ImagingSetRequest } from './imaging-request.ts';

export interface CrossQuery {
  queryId: string;
  parameters: Slot[];
  /** The home attribute of AdhocQuery (which community the query addresses). */
  home?: string;
  returnType?: 'LeafClass' | 'ObjectRef';
  timeoutMs?: number;
}

export async function crossGatewayQueryCall(
  url: string,
  q: CrossQuery,
  record: (e: Exchange) => void,
): Promise<{ response?: AdhocQueryResponse; call: SoapResult }> {
  const bodyXml = writeAdhocQueryRequest({
    kind: 'AdhocQueryRequest',
    queryId: q.queryId,
    returnType: q.returnType ?? 'LeafClass',
    returnComposedObjects: true,
    parameters: q.parameters,
    path: '',
    ...(q.home === undefined ? {} : { home: q.home }),
  });
  const call = await callSoap(
    { url, action: XCA_ACTION.query, transaction: 'ITI-38', bodyXml, ...(q.timeoutMs ? { timeoutMs: q.timeoutMs } : {}) },
    record,
  );
  if (!call.ok) return { call };
  const r = readEbrim(call.envelope.body);
  return r.ok && r.message.kind === 'AdhocQueryResponse' ? { response: r.message, call } : { call };
}

export interface CrossRetrieved extends RetrievedDocument {
  homeCommunityId?: string;
}

export async function crossGatewayRetrieveCall(url: string, requests: DocRequest[], record: (e: Exchange) => void, timeoutMs?: number) {
  const bodyXml = writeRetrieveDocumentSetRequest({
    kind: 'RetrieveDocumentSetRequest',
    requests: requests.map((r) => ({ ...r, path: '' })),
    path: '',
  });
  return retrieveCall(url, XCA_ACTION.retrieve, 'ITI-39', bodyXml, record, timeoutMs);
}

/** RAD-75 Cross Gateway Retrieve Imaging Document Set: the answer is an ITI-39-shaped RetrieveDocumentSetResponse. */
export async function crossGatewayRetrieveImagingCall(
  url: string,
  set: ImagingSetRequest,
  record: (e: Exchange) => void,
  timeoutMs?: number,
) {
  return retrieveCall(url, XCA_ACTION.retrieveImaging, 'RAD-75', writeImagingSet(set), record, timeoutMs);
}

async function retrieveCall(
  url: string,
  action: string,
  transaction: string,
  bodyXml: string,
  record: (e: Exchange) => void,
  timeoutMs: number | undefined,
) {
  const call = await callSoap({ url, action, transaction, bodyXml, ...(timeoutMs ? { timeoutMs } : {}) }, record);
  const read = retrieveResponseOf(call);
  // retrieveResponseOf drops HomeCommunityId; put it back per document, in answer order.
  const documents: CrossRetrieved[] = read.documents.map((d, i) => {
    const home = read.response?.documents[i]?.homeCommunityId;
    return { ...d, ...(home ? { homeCommunityId: home } : {}) };
  });
  return { ...(read.response ? { response: read.response } : {}), documents, call };
}
