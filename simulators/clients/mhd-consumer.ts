// MHD Document Consumer: ITI-66, ITI-67 (GET or POST _search) and ITI-68 against any FHIR
// base. Searches go through fhir-kit-client; ITI-68 uses fetch, since the answer is the
// document's own bytes, not JSON.
import type { Bundle, CapabilityStatement } from 'fhir/r4.js';
import { Client } from 'fhir-kit-client';
import type { Exchange } from '../../model/exchange.ts';
import { payload, recordedCall, type FhirResult } from './mhd-exchange.ts';

/** A repeated parameter is an array (AND); 'CT,MR' inside one value is OR. */
export type SearchParams = Record<string, string | string[]>;

const statusOf = (r: unknown) => Client.httpFor(r as never).response?.status ?? 200;
const queryOf = (p: SearchParams) => {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(p)) for (const x of Array.isArray(v) ? v : [v]) q.append(k, x);
  return q.toString();
};

function searchOf(resourceType: 'DocumentReference' | 'List', transaction: string) {
  return (
    base: string,
    params: SearchParams,
    record: (e: Exchange) => void,
    opts: { post?: boolean } = {},
  ): Promise<FhirResult<Bundle>> => {
    const client = new Client({ baseUrl: base });
    const query = queryOf(params);
    const url = opts.post ? `${base}/${resourceType}/_search` : `${base}/${resourceType}?${query}`;
    return recordedCall(
      { transaction, method: opts.post ? 'POST' : 'GET', url, ...(opts.post ? { body: query } : {}) },
      () =>
        client.search({
          resourceType,
          searchParams: params,
          ...(opts.post ? { options: { postSearch: true } } : {}),
        }) as unknown as Promise<Bundle>,
      statusOf,
      record,
    );
  };
}

export const findDocumentReferences = searchOf('DocumentReference', 'ITI-67');
export const findDocumentLists = searchOf('List', 'ITI-66');

export function resourcesOf<T>(bundle: Bundle | undefined, resourceType: string): T[] {
  return (bundle?.entry ?? []).map((e) => e.resource).filter((r): r is NonNullable<typeof r> => r?.resourceType === resourceType) as T[];
}

export async function capabilities(base: string, record: (e: Exchange) => void): Promise<FhirResult<CapabilityStatement>> {
  const client = new Client({ baseUrl: base });
  return recordedCall(
    { transaction: 'FHIR capabilities', method: 'GET', url: `${base}/metadata` },
    () => client.capabilityStatement() as unknown as Promise<CapabilityStatement>,
    statusOf,
    record,
  );
}

export interface RetrievedDocument {
  status: number;
  contentType?: string;
  data?: Buffer;
  exchange: Exchange;
}

/** ITI-68: GET the attachment URL; the body is kept as bytes whatever its type. */
export async function retrieveDocument(url: string, record: (e: Exchange) => void, accept = '*/*'): Promise<RetrievedDocument> {
  const started = Date.now();
  const exchange: Exchange = {
    id: crypto.randomUUID(),
    at: new Date(started).toISOString(),
    transaction: 'ITI-68',
    from: 'mcwg-mhd-client',
    to: url,
    request: payload(`GET ${url}`, undefined, undefined, { method: 'GET', url, headers: { accept } }),
  };
  let out: RetrievedDocument;
  try {
    const r = await fetch(url, { headers: { accept } });
    const data = Buffer.from(await r.arrayBuffer());
    const contentType = r.headers.get('content-type') ?? undefined;
    exchange.response = payload(`HTTP ${r.status}`, data, contentType, { status: r.status, headers: r.headers });
    out = { status: r.status, ...(contentType ? { contentType } : {}), data, exchange };
  } catch (err) {
    exchange.error = err instanceof Error ? err.message : String(err);
    out = { status: 0, exchange };
  }
  exchange.durationMs = Date.now() - started;
  record(exchange);
  return out;
}
