// FHIR calls over TLS with our client options (deployment CA, client certificate: mutual TLS).
// fhir-kit-client sends through the global fetch, which on Node 20 takes no TLS options without
// undici's dispatcher (not a dependency), so a call with TLS options goes through
// simulators/tls/https-fetch.ts instead and answers the way fhir-kit-client does: the parsed
// resource on 2xx, a throw carrying { response: { status, data } } otherwise. The TLS
// parameters of the connection go to the caller for the exchange's evidence.
import type { ConnectionOptions } from 'node:tls';
import type { TlsInfo } from '../../model/exchange.ts';
import { httpsFetch } from '../tls/https-fetch.ts';

/** What a plan's REST client call spreads in: TLS options and extra headers (the bearer token). */
export interface FhirSecurity {
  tls?: ConnectionOptions;
  headers?: Record<string, string>;
}

// The 2xx status of a resource this module answered (fhir-kit-client keeps its own).
const statuses = new WeakMap<object, number>();

/** The HTTP status of a 2xx answer from fhirHttps, if it came from there. */
export const httpsStatusOf = (resource: unknown): number | undefined =>
  resource && typeof resource === 'object' ? statuses.get(resource) : undefined;

/** Whether a call must bypass fhir-kit-client: TLS options given for an https:// URL. */
export const usesTls = (url: string, sec: FhirSecurity | undefined): sec is FhirSecurity & { tls: ConnectionOptions } =>
  Boolean(sec?.tls) && url.startsWith('https:');

export async function fhirHttps(
  c: { method: string; url: string; body?: string; contentType?: string; timeoutMs?: number },
  sec: FhirSecurity & { tls: ConnectionOptions },
  noteTls: (t: TlsInfo) => void,
): Promise<unknown> {
  const headers: Record<string, string> = {
    accept: 'application/fhir+json',
    ...(c.body !== undefined ? { 'content-type': c.contentType ?? 'application/fhir+json' } : {}),
    ...sec.headers,
  };
  const a = await httpsFetch(
    c.url,
    { method: c.method, headers, ...(c.body !== undefined ? { body: c.body } : {}), signal: AbortSignal.timeout(c.timeoutMs ?? 60_000) },
    sec.tls,
  );
  if (a.tls) noteTls(a.tls);
  const status = a.response.status;
  const text = await a.response.text();
  let data: unknown = {};
  let parsed = true;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = text;
      parsed = false;
    }
  }
  if (!parsed || status < 200 || status > 299 || typeof data !== 'object' || data === null)
    throw Object.assign(new Error(`HTTP ${status}: ${c.method} ${c.url}`), { response: { status, data } });
  statuses.set(data, status);
  return data;
}
