// Our Initiating Gateway calls to the SUT: ITI-38 to endpoints.xcaQuery, ITI-39 to
// endpoints.xcaRetrieve, each recorded as the step's evidence.
import { STATUS, type AdhocQueryResponse } from '../../../protocols/ebrim/index.ts';
import type { Exchange } from '../../../model/exchange.ts';
import { param } from '../../../simulators/clients/xds-consumer.ts';
import { crossGatewayQueryCall, crossGatewayRetrieveCall, type CrossQuery, type CrossRetrieved } from '../../../simulators/xca/client.ts';
import type { DocRequest } from '../../../simulators/xds/retrieve.ts';
import { QUERY } from '../../../simulators/xds/stored-query.ts';
import type { StepContext } from '../../engine/dsl.ts';
import { clientTls } from '../common/client-tls.ts';
import { recorded } from '../common/step-kit.ts';

export { exchangeFinding as finding, need } from '../common/step-kit.ts';

export function endpoint(ctx: StepContext, name: 'xcaQuery' | 'xcaRetrieve'): string {
  const url = ctx.sut.endpoints[name];
  if (!url) throw new Error(`the SUT profile has no endpoints.${name}`);
  return url;
}

/** The SUT's homeCommunityId as it must appear on the wire (urn:oid:…), from oids.homeCommunityId. */
export function homeOf(ctx: StepContext): string {
  const oid = ctx.sut.oids.homeCommunityId;
  if (!oid) throw new Error('the SUT profile has no oids.homeCommunityId');
  return `urn:oid:${oid}`;
}

/** The CX of the first patient the SUT's community holds documents for. */
export function patientOf(ctx: StepContext): string {
  const d = ctx.sut.patientIdDomains.find((x) => (x.patients ?? []).length > 0);
  if (!d) throw new Error('the SUT profile lists no patient in patientIdDomains[].patients');
  return `${d.patients![0]!}^^^&${d.issuer}&ISO`;
}

export interface Queried {
  response?: AdhocQueryResponse;
  exchange: Exchange;
  error?: string;
}

export async function query(ctx: StepContext, q: CrossQuery): Promise<Queried> {
  const r = await recorded(ctx, (rec) => crossGatewayQueryCall(endpoint(ctx, 'xcaQuery'), withTls(ctx, q), rec));
  return {
    ...(r.response ? { response: r.response } : { error: r.call.ok ? 'not an AdhocQueryResponse' : r.call.error }),
    exchange: r.call.exchange,
  };
}

/** The query with the profile's TLS client options (none without a tls section). */
function withTls(ctx: StepContext, q: CrossQuery): CrossQuery {
  const tls = clientTls(ctx.sut);
  return tls ? { ...q, tls } : q;
}

export function findDocuments(patientCx: string, home?: string): CrossQuery {
  return {
    queryId: QUERY.FindDocuments,
    parameters: [param('$XDSDocumentEntryPatientId', patientCx), param('$XDSDocumentEntryStatus', STATUS.approved)],
    ...(home ? { home } : {}),
  };
}

export async function retrieve(
  ctx: StepContext,
  requests: DocRequest[],
): Promise<{ status?: string; errors: string[]; documents: CrossRetrieved[]; exchange: Exchange; error?: string }> {
  const r = await recorded(ctx, (rec) =>
    crossGatewayRetrieveCall(endpoint(ctx, 'xcaRetrieve'), requests, rec, undefined, clientTls(ctx.sut)),
  );
  const rr = r.response?.response;
  return {
    ...(rr ? { status: rr.status } : {}),
    errors: rr?.errors.map((e) => e.errorCode) ?? [],
    documents: r.documents,
    exchange: r.call.exchange,
    ...(r.call.ok ? {} : { error: r.call.error }),
  };
}
