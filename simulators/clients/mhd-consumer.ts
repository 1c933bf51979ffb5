// MHD Document Consumer: ITI-66, ITI-67 (GET or POST _search) and ITI-68 against any FHIR
// base. Searches go through fhir-kit-client; ITI-68 uses fetch, since the answer is the
// document's own bytes, not JSON.
import type { Bundle, CapabilityStatement } from 'fhir/r4.js';
import { Client } from 'fhir-kit-client';
import type { Exchange } from '../../model/exchange.ts';
import { httpsFetch } from '../tls/https-fetch.ts';
import { fhirHttps, httpsStatusOf, usesTls, type FhirSecurity } from './fhir-https.ts';
import { payload, recordedCall, type FhirResult } from './mhd-exchange.ts';

/** A repeated parameter is an array (AND); 'CT,MR' inside one value is OR. */
export type SearchParams = Record<string, string | string[]>;

const statusOf = (r: unknown) => httpsStatusOf(r) ?? Client.httpFor(r as never).response?.status ?? 200;
const kitClient = (base: string, sec: FhirSecurity | undefined) =>
  new Client({ baseUrl: base, ...(sec?.headers ? { customHeaders: sec.headers } : {}) });
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
    sec?: FhirSecurity,
  ): Promise<FhirResult<Bundle>> => {
    const query = queryOf(params);
    const url = opts.post ? `${base}/${resourceType}/_search` : `${base}/${resourceType}?${query}`;
    const method = opts.post ? 'POST' : 'GET';
    return recordedCall(
      { transaction, method, url, ...(opts.post ? { body: query } : {}) },
      (noteTls) =>
        (usesTls(url, sec)
          ? fhirHttps(
              { method, url, ...(opts.post ? { body: query, contentType: 'application/x-www-form-urlencoded' } : {}) },
              sec,
              noteTls,
            )
          : kitClient(base, sec).search({
              resourceType,
              searchParams: params,
              ...(opts.post ? { options: { postSearch: true } } : {}),
            })) as unknown as Promise<Bundle>,
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

export async function capabilities(
  base: string,
  record: (e: Exchange) => void,
  sec?: FhirSecurity,
): Promise<FhirResult<CapabilityStatement>> {
  const url = `${base}/metadata`;
  return recordedCall(
    { transaction: 'FHIR capabilities', method: 'GET', url },
    (noteTls) =>
      (usesTls(url, sec)
        ? fhirHttps({ method: 'GET', url }, sec, noteTls)
        : kitClient(base, sec).capabilityStatement()) as unknown as Promise<CapabilityStatement>,
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
export async function retrieveDocument(
  url: string,
  record: (e: Exchange) => void,
  accept = '*/*',
  sec?: FhirSecurity,
): Promise<RetrievedDocument> {
  const headers = { accept, ...sec?.headers };
  const started = Date.now();
  const exchange: Exchange = {
    id: crypto.randomUUID(),
    at: new Date(started).toISOString(),
    transaction: 'ITI-68',
    from: 'mcwg-mhd-client',
    to: url,
    request: payload(`GET ${url}`, undefined, undefined, { method: 'GET', url, headers }),
  };
  let out: RetrievedDocument;
  try {
    let r: Response;
    if (usesTls(url, sec)) {
      const a = await httpsFetch(url, { headers, signal: AbortSignal.timeout(60_000) }, sec.tls);
      if (a.tls) exchange.tls = a.tls;
      r = a.response;
    } else r = await fetch(url, { headers });
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
