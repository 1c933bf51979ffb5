// One FHIR call made with fhir-kit-client, recorded as an Exchange whatever the outcome: a
// 4xx/5xx answer is a result carrying its OperationOutcome, not a throw (fhir-kit-client
// throws on any non-2xx status).
import { randomUUID } from 'node:crypto';
import type { OperationOutcome } from 'fhir/r4.js';
import type { Exchange, Payload, TlsInfo } from '../../model/exchange.ts';
import { classifyUnreachable, describeUnreachable } from '../../model/transport.ts';
import { payloadOf } from '../kit/recorder.ts';

export interface FhirResult<T> {
  status: number;
  /** The answer when it is the expected resource (2xx). */
  resource?: T;
  /** The OperationOutcome of a refusal, when the server sent one. */
  outcome?: OperationOutcome;
  /** Transport failure (no HTTP answer). */
  error?: string;
  exchange: Exchange;
}

interface HttpError {
  response?: { status?: number; data?: unknown };
}

/** A FHIR message as evidence, through the kit's one policy. */
export function payload(
  summary: string,
  body: string | Buffer | undefined,
  contentType?: string,
  http: { method?: string; url?: string; status?: number; headers?: Record<string, string> | Headers } = {},
): Payload {
  return payloadOf({ summary, body: body ?? Buffer.alloc(0), ...(contentType ? { contentType } : {}), ...http });
}

/** `run` gets `noteTls` to hand over the connection's TLS parameters (fhir-https.ts) for the evidence. */
export async function recordedCall<T>(
  c: { transaction: string; method: string; url: string; body?: string; from?: string },
  run: (noteTls: (t: TlsInfo) => void) => Promise<T>,
  status: (r: T) => number,
  record: (e: Exchange) => void,
): Promise<FhirResult<T>> {
  const started = Date.now();
  const exchange: Exchange = {
    id: randomUUID(),
    at: new Date(started).toISOString(),
    transaction: c.transaction,
    from: c.from ?? 'mcwg-mhd-client',
    to: c.url,
    request: payload(
      `${c.method} ${c.url}`,
      c.body,
      c.body === undefined
        ? undefined
        : c.method === 'POST' && c.url.endsWith('_search')
          ? 'application/x-www-form-urlencoded'
          : 'application/fhir+json',
      { method: c.method, url: c.url },
    ),
  };
  let result: FhirResult<T>;
  try {
    const resource = await run((t) => void (exchange.tls = t));
    const s = status(resource);
    exchange.response = payload(`HTTP ${s}`, JSON.stringify(resource), 'application/fhir+json', { status: s });
    result = { status: s, resource, exchange };
  } catch (err) {
    const r = (err as HttpError).response;
    if (r?.status) {
      const data = r.data;
      exchange.response = payload(
        `HTTP ${r.status}`,
        typeof data === 'string' ? data : JSON.stringify(data ?? {}),
        'application/fhir+json',
        { status: r.status },
      );
      const outcome =
        (data as { resourceType?: string } | undefined)?.resourceType === 'OperationOutcome' ? (data as OperationOutcome) : undefined;
      result = { status: r.status, ...(outcome ? { outcome } : {}), exchange };
    } else {
      const unreachable = classifyUnreachable(err, c.url);
      if (unreachable) exchange.unreachable = unreachable;
      exchange.error = unreachable ? describeUnreachable(unreachable) : err instanceof Error ? err.message : String(err);
      result = { status: 0, error: exchange.error, exchange };
    }
  }
  exchange.durationMs = Date.now() - started;
  record(exchange);
  return result;
}
