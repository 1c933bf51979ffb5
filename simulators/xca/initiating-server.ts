// The XCA Initiating Gateway as a kit simulator under /xca-ig: a community's consumers send it
// ITI-18 (/xca-ig/registry), ITI-43 and RAD-69 (/xca-ig/repository); it fans each out as ITI-38 / ITI-39 / RAD-75
// to the responding gateways it is configured with, each under its own deadline, and answers
// one merged response (initiating.ts: PartialSuccess and XDSUnavailableCommunity for a community
// that failed or was late). SOAP reading, faults and evidence are the XDS adapter's.
import { readEbrim, writeAdhocQueryResponse, writeRetrieveDocumentSetResponse } from '../../protocols/ebrim/index.ts';
import { XDS_ACTION } from '../../protocols/ebrim/constants.ts';
import { SoapFaultError } from '../../protocols/soap/index.ts';
import { NS } from '../../protocols/xml/index.ts';
import type { HttpSimulator } from '../kit/http.ts';
import type { XdsStore } from '../store/types.ts';
import type { XdsConfig } from '../xds/config.ts';
import type { XdsReply, XdsRequest, XdsRow } from '../xds/core.ts';
import { readDocRequests } from '../xds/retrieve.ts';
import { xdsSimulator } from '../xds/server.ts';
import { crossGatewayQueryCall, crossGatewayRetrieveCall, crossGatewayRetrieveImagingCall } from './client.ts';
import { readImagingSet } from './imaging-request.ts';
import type { RetrieveAnswer } from './responding.ts';
import { federatedQuery, federatedRetrieve, type FanOutOptions, type RespondingGatewayCaller } from './initiating.ts';

export interface RespondingGatewayEndpoints {
  homeCommunityId: string;
  /** ITI-38 endpoint. */
  query: string;
  /** ITI-39 endpoint. */
  retrieve: string;
}

export interface InitiatingGatewayOptions extends Omit<FanOutOptions, 'after'> {
  gateways: readonly RespondingGatewayEndpoints[];
  /** Calls the responding gateways some other way than soapCallers(gateways) (tests, a reference SUT's variants). */
  callers?: RespondingGatewayCaller[];
  /** The adapter's store and config; the gateway itself keeps no documents. */
  store: XdsStore;
  config: XdsConfig;
}

export const IG_PREFIX = '/xca-ig';

/** Callers of the responding gateways over SOAP; the deadline is the fan-out's, the transport's is a little longer. */
export function soapCallers(gateways: readonly RespondingGatewayEndpoints[], timeoutMs: number): RespondingGatewayCaller[] {
  const none = () => undefined;
  return gateways.map((g) => ({
    homeCommunityId: g.homeCommunityId,
    async query(req) {
      const r = await crossGatewayQueryCall(
        g.query,
        {
          queryId: req.queryId,
          parameters: req.parameters,
          returnType: req.returnType === 'ObjectRef' ? 'ObjectRef' : 'LeafClass',
          home: g.homeCommunityId,
          timeoutMs: timeoutMs + 1_000,
        },
        none,
      );
      if (!r.response) throw new Error(r.call.ok ? 'not an AdhocQueryResponse' : r.call.error);
      return r.response;
    },
    retrieve: async (requests) => answerOf(await crossGatewayRetrieveCall(g.retrieve, requests, none, timeoutMs + 1_000)),
    // The consumer's transfer syntaxes are not carried per request: RAD-75 asks for the default (Explicit VR LE).
    retrieveImaging: async (requests) =>
      answerOf(await crossGatewayRetrieveImagingCall(g.retrieve, { requests, transferSyntaxUids: [] }, none, timeoutMs + 1_000)),
  }));
}

function answerOf(r: Awaited<ReturnType<typeof crossGatewayRetrieveCall>>): RetrieveAnswer {
  if (!r.response) throw new Error(r.call.ok ? 'not a RetrieveDocumentSetResponse' : r.call.error);
  return {
    status: r.response.response.status,
    errors: r.response.response.errors.map(({ path: _p, ...e }) => e),
    documents: r.documents.map((d) => ({
      repositoryUniqueId: d.repositoryUniqueId,
      documentUniqueId: d.documentUniqueId,
      ...(d.homeCommunityId ? { homeCommunityId: d.homeCommunityId } : {}),
      mimeType: d.mimeType,
      content: new Uint8Array(d.data ?? Buffer.alloc(0)),
      path: '',
    })),
  };
}

export function initiatingGatewaySimulator(o: InitiatingGatewayOptions): HttpSimulator {
  const callers = o.callers ?? soapCallers(o.gateways, o.timeoutMs);
  const fan: FanOutOptions = {
    timeoutMs: o.timeoutMs,
    ...(o.xref ? { xref: o.xref } : {}),
    ...(o.locate ? { locate: o.locate } : {}),
    ...(o.memory ? { memory: o.memory } : {}),
  };
  const table: XdsRow[] = [
    { transaction: 'ITI-18', path: '/registry', soapAction: XDS_ACTION.query, handle: (r) => query(r, callers, fan) },
    { transaction: 'ITI-43', path: '/repository', soapAction: XDS_ACTION.retrieve, handle: (r) => retrieve(r, callers, fan) },
    { transaction: 'RAD-69', path: '/repository', soapAction: XDS_ACTION.retrieveImaging, handle: (r) => retrieveImaging(r, callers, fan) },
  ];
  const base = xdsSimulator({ store: o.store, config: o.config, table }) as HttpSimulator;
  return { ...base, name: 'xca-ig', prefix: IG_PREFIX };
}

// XdsReply.errors stays empty: the merged errors (XCA codes included) travel in the answer body.
async function query(req: XdsRequest, callers: RespondingGatewayCaller[], fan: FanOutOptions): Promise<XdsReply> {
  const read = readEbrim(req.envelope.body);
  if (!read.ok) throw new SoapFaultError({ code: 'Sender', reason: read.error.message });
  if (read.message.kind !== 'AdhocQueryRequest')
    throw new SoapFaultError({ code: 'Sender', reason: `action ${XDS_ACTION.query} needs a query:AdhocQueryRequest body` });
  const r = await federatedQuery(read.message, callers, fan);
  return { transaction: 'ITI-18', action: `${XDS_ACTION.query}Response`, bodyXml: writeAdhocQueryResponse(r), attachments: [], errors: [] };
}

// RAD-69 from a consumer goes out as RAD-75 to each community named by HomeCommunityId (XCA-I).
async function retrieveImaging(req: XdsRequest, callers: RespondingGatewayCaller[], fan: FanOutOptions): Promise<XdsReply> {
  const body = req.envelope.body;
  if (body.ns !== NS.xdsi || body.name !== 'RetrieveImagingDocumentSetRequest')
    throw new SoapFaultError({
      code: 'Sender',
      reason: `action ${XDS_ACTION.retrieveImaging} needs a xdsi:RetrieveImagingDocumentSetRequest body`,
    });
  const set = readImagingSet(body);
  const r = await federatedRetrieve(set.requests, callers, fan, (gw, reqs, signal) => {
    if (!gw.retrieveImaging) throw new Error(`community ${gw.homeCommunityId} offers no RAD-75`);
    return gw.retrieveImaging(reqs, signal);
  });
  const bodyXml = writeRetrieveDocumentSetResponse({
    kind: 'RetrieveDocumentSetResponse',
    response: { kind: 'RegistryResponse', status: r.status, errors: r.errors.map((e) => ({ ...e, path: '' })), path: '' },
    documents: r.documents,
    path: '',
  });
  return { transaction: 'RAD-69', action: `${XDS_ACTION.retrieve}Response`, bodyXml, attachments: [], errors: [] };
}

async function retrieve(req: XdsRequest, callers: RespondingGatewayCaller[], fan: FanOutOptions): Promise<XdsReply> {
  const body = req.envelope.body;
  if (body.ns !== NS.xds || body.name !== 'RetrieveDocumentSetRequest')
    throw new SoapFaultError({ code: 'Sender', reason: `action ${XDS_ACTION.retrieve} needs a xds:RetrieveDocumentSetRequest body` });
  const r = await federatedRetrieve(readDocRequests(body), callers, fan);
  const bodyXml = writeRetrieveDocumentSetResponse({
    kind: 'RetrieveDocumentSetResponse',
    response: { kind: 'RegistryResponse', status: r.status, errors: r.errors.map((e) => ({ ...e, path: '' })), path: '' },
    documents: r.documents,
    path: '',
  });
  return { transaction: 'ITI-43', action: `${XDS_ACTION.retrieve}Response`, bodyXml, attachments: [], errors: [] };
}
