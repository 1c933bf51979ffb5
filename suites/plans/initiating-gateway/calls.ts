// Our consumer's calls to the SUT's initiating gateway: ITI-18 to endpoints.igQuery, ITI-43 and
// RAD-69 to endpoints.igRetrieve, each with the profile's TLS client options and recorded as
// the step's evidence; and what our communities saw the gateway send them.
import type { Exchange } from '../../../model/exchange.ts';
import { XDS_ACTION } from '../../../protocols/ebrim/constants.ts';
import {
  readEbrim,
  STATUS,
  writeAdhocQueryRequest,
  type AdhocQueryResponse,
  type RetrieveDocumentSetResponse,
} from '../../../protocols/ebrim/index.ts';
import { param, retrieveDocuments, type RetrievedDocument } from '../../../simulators/clients/xds-consumer.ts';
import { callSoap } from '../../../simulators/clients/xds-soap.ts';
import { retrieveImaging } from '../../../simulators/clients/xds-imaging-consumer.ts';
import type { DocRequest } from '../../../simulators/xds/retrieve.ts';
import { QUERY } from '../../../simulators/xds/stored-query.ts';
import type { StepContext } from '../../engine/dsl.ts';
import { clientTls, withClientTls } from '../common/client-tls.ts';
import { recorded } from '../common/step-kit.ts';
import { federationOf, type Community, type Federation } from './communities.ts';

export { exchangeFinding as finding, need } from '../common/step-kit.ts';

export function endpoint(ctx: StepContext, name: 'igQuery' | 'igRetrieve'): string {
  const url = ctx.sut.endpoints[name];
  if (!url) throw new Error(`the SUT profile has no endpoints.${name}`);
  return url;
}

export function federation(ctx: StepContext): Federation {
  const f = federationOf(ctx.simulators);
  if (!f) throw new Error('the initiating-gateway plan needs its federation simulator (our communities)');
  return f;
}

export interface Queried {
  response?: AdhocQueryResponse;
  exchange: Exchange;
  error?: string;
  elapsedMs: number;
}

/** ITI-18 FindDocuments (approved entries) for a national patient ID; `home` addresses one community (AdhocQuery/@home). */
export async function findDocuments(ctx: StepContext, patientCx: string, home?: string): Promise<Queried> {
  const started = Date.now();
  const bodyXml = writeAdhocQueryRequest({
    kind: 'AdhocQueryRequest',
    queryId: QUERY.FindDocuments,
    returnType: 'LeafClass',
    returnComposedObjects: true,
    parameters: [param('$XDSDocumentEntryPatientId', patientCx), param('$XDSDocumentEntryStatus', STATUS.approved)],
    path: '',
    ...(home === undefined ? {} : { home }),
  });
  const call = await recorded(ctx, (rec) =>
    callSoap({ url: endpoint(ctx, 'igQuery'), action: XDS_ACTION.query, transaction: 'ITI-18', bodyXml, ...withClientTls(ctx.sut) }, rec),
  );
  const elapsedMs = Date.now() - started;
  if (!call.ok) return { error: call.error, exchange: call.exchange, elapsedMs };
  const r = readEbrim(call.envelope.body);
  return r.ok && r.message.kind === 'AdhocQueryResponse'
    ? { response: r.message, exchange: call.exchange, elapsedMs }
    : { error: 'not an AdhocQueryResponse', exchange: call.exchange, elapsedMs };
}

export interface Retrieved {
  response?: RetrieveDocumentSetResponse;
  documents: RetrievedDocument[];
  exchange: Exchange;
  error?: string;
}

export async function retrieve(ctx: StepContext, requests: DocRequest[]): Promise<Retrieved> {
  const r = await recorded(ctx, (rec) => retrieveDocuments(endpoint(ctx, 'igRetrieve'), requests, rec, clientTls(ctx.sut)));
  return outcome(r);
}

/** RAD-69 for one document of a community, under a made-up study and series (the gateway only routes). */
export async function retrieveImagingFrom(ctx: StepContext, c: Community, uniqueId: string): Promise<Retrieved> {
  const r = await recorded(ctx, (rec) =>
    retrieveImaging(
      endpoint(ctx, 'igRetrieve'),
      { studyInstanceUid: '2.25.1', seriesInstanceUid: '2.25.2', repositoryUniqueId: c.repositoryUniqueId, sopInstanceUids: [uniqueId] },
      rec,
      c.home,
      clientTls(ctx.sut),
    ),
  );
  return outcome(r);
}

function outcome(r: Awaited<ReturnType<typeof retrieveDocuments>>): Retrieved {
  return {
    ...(r.response ? { response: r.response } : {}),
    documents: r.documents,
    exchange: r.call.exchange,
    ...(r.call.ok ? {} : { error: r.call.error }),
  };
}

/** Requests the gateway sent one community, of one transaction. */
export function seenBy(f: Federation, c: Community, transaction: string): Exchange[] {
  return f.exchanges().filter((e) => e.transaction === transaction && (e.request.url ?? '').includes(`/xca/${c.name}/`));
}

export const errorCodes = (r: { errors: { errorCode: string }[] } | undefined) => r?.errors.map((e) => e.errorCode) ?? [];

/**
 * Our community records an exchange once its answer is written; the gateway may already have
 * read that answer and replied to us. Re-reads for up to a second until `ok` holds.
 */
export async function settled<T>(read: () => T, ok: (v: T) => boolean, maxMs = 1_000): Promise<T> {
  for (let i = 0; i < maxMs / 20; i++) {
    const v = read();
    if (ok(v)) return v;
    await new Promise((r) => setTimeout(r, 20));
  }
  return read();
}
