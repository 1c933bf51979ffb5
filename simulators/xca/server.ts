// The XCA / XCA-I Responding Gateway as a kit simulator: one per community, mounted under
// /xca/<name>. Its table is three SOAP rows (ITI-38 at /registry, ITI-39 and RAD-75 at
// /repository); the SOAP/MTOM reading, faults and evidence are the XDS adapter's (one error
// path for every SOAP actor), the answers are the responding-gateway core's, stamped with the
// community's homeCommunityId (XDS-027..029).
import { readEbrim, writeAdhocQueryResponse, writeRetrieveDocumentSetResponse } from '../../protocols/ebrim/index.ts';
import { SoapFaultError, writeFault } from '../../protocols/soap/index.ts';
import { NS } from '../../protocols/xml/index.ts';
import type { HttpSimulator } from '../kit/http.ts';
import type { XdsStore } from '../store/types.ts';
import type { XdsConfig } from '../xds/config.ts';
import type { XdsReply, XdsRequest, XdsRow } from '../xds/core.ts';
import { readDocRequests, readImagingRequests } from '../xds/retrieve.ts';
import { xdsSimulator } from '../xds/server.ts';
import { XCA_ACTION } from './actions.ts';
import { storeCommunity, type StoreCommunity } from './community.ts';
import { crossGatewayQuery, crossGatewayRetrieve, type RetrieveAnswer } from './responding.ts';

export interface RespondingGatewayOptions {
  /** Simulator name (unique per server) and path segment: /xca/<name>. */
  name: string;
  homeCommunityId: string;
  /** The community's own registry/repository store. */
  store: XdsStore;
  config: XdsConfig;
  /**
   * Answer every request this many ms late: the slow community an initiating gateway must not
   * wait for past its per-community timeout (the initiating-gateway plan).
   */
  delayMs?: number;
}

export const XCA_PREFIX = '/xca';
export const respondingPaths = (name: string) => ({
  query: `${XCA_PREFIX}/${name}/registry`,
  retrieve: `${XCA_PREFIX}/${name}/repository`,
});

/** The gateway's table: SOAP action -> transaction, handler. */
export function respondingTable(community: StoreCommunity): XdsRow[] {
  return [
    { transaction: 'ITI-38', path: '/registry', soapAction: XCA_ACTION.query, handle: (r) => query(r, community) },
    { transaction: 'ITI-39', path: '/repository', soapAction: XCA_ACTION.retrieve, handle: (r) => retrieveSet(r, community, false) },
    { transaction: 'RAD-75', path: '/repository', soapAction: XCA_ACTION.retrieveImaging, handle: (r) => retrieveSet(r, community, true) },
  ];
}

export function respondingGatewaySimulator(o: RespondingGatewayOptions): HttpSimulator {
  if (!/^[a-z0-9-]+$/.test(o.name)) throw new Error(`community name ${o.name}: lower-case letters, digits and '-' only`);
  const community = storeCommunity(o.homeCommunityId, o.store, o.config);
  const table = respondingTable(community).map((row) => (o.delayMs ? delayed(row, o.delayMs) : row));
  const base = xdsSimulator({ store: o.store, config: o.config, table }) as HttpSimulator;
  const paths = respondingPaths(o.name);
  return {
    ...base,
    name: `xca-${o.name}`,
    prefix: `${XCA_PREFIX}/${o.name}`,
    errorAnswer: (e) => {
      const status = e.status === 405 ? 404 : e.status;
      const reason =
        status === 404
          ? `no SOAP endpoint at ${e.method} ${e.url}; use POST ${paths.query} (ITI-38) or ${paths.retrieve} (ITI-39, RAD-75)`
          : e.message;
      return {
        status,
        contentType: 'application/soap+xml; charset=UTF-8',
        body: writeFault({ code: status >= 500 ? 'Receiver' : 'Sender', reason }),
      };
    },
  };
}

function delayed(row: XdsRow, ms: number): XdsRow {
  return {
    ...row,
    handle: async (...args) => {
      // unref: a late answer still pending must not keep a finished run's process alive.
      await new Promise((ok) => setTimeout(ok, ms).unref());
      return row.handle(...args);
    },
  };
}

// XdsReply.errors stays empty: the XCA codes (XDSUnknownCommunity, ...) are not XDS ones and
// travel in the answer body, which is the evidence.
async function query(req: XdsRequest, community: StoreCommunity): Promise<XdsReply> {
  const read = readEbrim(req.envelope.body);
  if (!read.ok) throw new SoapFaultError({ code: 'Sender', reason: read.error.message });
  if (read.message.kind !== 'AdhocQueryRequest')
    throw new SoapFaultError({ code: 'Sender', reason: `action ${XCA_ACTION.query} needs a query:AdhocQueryRequest body` });
  const r = await crossGatewayQuery(read.message, community);
  return { transaction: 'ITI-38', action: XCA_ACTION.queryResponse, bodyXml: writeAdhocQueryResponse(r), attachments: [], errors: [] };
}

async function retrieveSet(req: XdsRequest, community: StoreCommunity, imaging: boolean): Promise<XdsReply> {
  const body = req.envelope.body;
  const [ns, name] = imaging ? [NS.xdsi, 'RetrieveImagingDocumentSetRequest'] : [NS.xds, 'RetrieveDocumentSetRequest'];
  if (body.ns !== ns || body.name !== name)
    throw new SoapFaultError({ code: 'Sender', reason: `this action needs a ${imaging ? 'xdsi' : 'xds'}:${name} body` });
  const requests = imaging ? readImagingRequests(body) : readDocRequests(body);
  // RAD-75 reaches the community's RAD-69 source, ITI-39 its ITI-43 one.
  const backend = imaging ? { ...community, retrieve: community.retrieveImaging } : community;
  const r: RetrieveAnswer = await crossGatewayRetrieve(requests, backend);
  const bodyXml = writeRetrieveDocumentSetResponse({
    kind: 'RetrieveDocumentSetResponse',
    response: { kind: 'RegistryResponse', status: r.status, errors: r.errors.map((e) => ({ ...e, path: '' })), path: '' },
    documents: r.documents,
    path: '',
  });
  return { transaction: imaging ? 'RAD-75' : 'ITI-39', action: XCA_ACTION.retrieveResponse, bodyXml, attachments: [], errors: [] };
}

export const localPaths = (name: string) => ({ registry: `/xds/${name}/registry`, repository: `/xds/${name}/repository` });

/**
 * The community's own XDS registry/repository (ITI-41, ITI-18, ITI-43, RAD-69) on the same
 * store, under /xds/<name>: how documents get into a community, and what its gateway fronts.
 */
export function communityXdsSimulator(o: Omit<RespondingGatewayOptions, 'homeCommunityId'>): HttpSimulator {
  const base = xdsSimulator({ store: o.store, config: o.config }) as HttpSimulator;
  return { ...base, name: `xds-${o.name}`, prefix: `/xds/${o.name}` };
}
