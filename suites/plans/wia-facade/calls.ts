// Our DICOMweb viewer's calls to the SUT facade (endpoints.wiaBase) and, for comparison, to our
// own source; each recorded as the step's evidence.
import { createHash, randomUUID } from 'node:crypto';
import type { Exchange } from '../../../model/exchange.ts';
import { getMultipart } from '../../../simulators/clients/wado-rs-exchange.ts';
import { payloadOf } from '../../../simulators/kit/recorder.ts';
import { httpsFetch } from '../../../simulators/tls/https-fetch.ts';
import type { StepContext } from '../../engine/dsl.ts';
import { clientTls, withClientSecurity } from '../common/client-tls.ts';

export { exchangeFinding as finding, need } from '../common/step-kit.ts';

export type JsonRow = Record<string, { vr?: string; Value?: unknown[] }>;

export function facadeBase(ctx: StepContext): string {
  const url = ctx.sut.endpoints.wiaBase;
  if (!url) throw new Error('the SUT profile has no endpoints.wiaBase');
  return url.replace(/\/+$/, '');
}

export interface QidoResult {
  status?: number;
  rows?: JsonRow[];
  exchange: Exchange;
  error?: string;
}

/** One QIDO-RS GET to the facade, answered DICOM JSON (204 is an empty list), with the profile's TLS and token. */
export async function qido(ctx: StepContext, url: string): Promise<QidoResult> {
  const sec = withClientSecurity(ctx.sut);
  const headers = { accept: 'application/dicom+json', ...sec.headers };
  const ex: Exchange = {
    id: randomUUID(),
    at: new Date().toISOString(),
    transaction: 'QIDO-RS',
    from: 'mcwg',
    to: url,
    request: payloadOf({ summary: `GET ${url}`, method: 'GET', url, headers }),
  };
  const started = Date.now();
  const out: QidoResult = { exchange: ex };
  try {
    const signal = AbortSignal.timeout(30_000);
    // Node 20's fetch takes no TLS options: https:// with the profile's CA and client certificate goes through httpsFetch.
    const tls = clientTls(ctx.sut);
    let res: Response;
    if (tls) {
      const a = await httpsFetch(url, { headers, signal }, tls);
      res = a.response;
      if (a.tls) ex.tls = a.tls;
    } else res = await fetch(url, { headers, signal });
    const body = Buffer.from(await res.arrayBuffer());
    ex.response = payloadOf({
      summary: `HTTP ${res.status}`,
      status: res.status,
      headers: res.headers,
      contentType: res.headers.get('content-type') ?? '',
      body,
    });
    out.status = res.status;
    if (res.status === 204) out.rows = [];
    else if (res.status === 200) {
      const parsed: unknown = JSON.parse(body.toString('utf8'));
      if (Array.isArray(parsed)) out.rows = parsed as JsonRow[];
      else out.error = 'the answer is not a JSON array';
    }
  } catch (err) {
    out.error = err instanceof Error ? err.message : String(err);
    ex.error = out.error;
  }
  ex.durationMs = Date.now() - started;
  await ctx.evidence.exchange(ex);
  return out;
}

export interface Retrieved {
  status?: number;
  contentType?: string;
  /** SHA-256 of each part body, in order. */
  parts: string[];
  exchange: Exchange;
  error?: string;
}

/** `secure`: the call goes to the SUT (the profile's TLS and token); our own source is called without. */
export async function retrieveParts(ctx: StepContext, url: string, secure: boolean): Promise<Retrieved> {
  const parts: string[] = [];
  const r = await getMultipart(
    url,
    {
      accept: 'multipart/related; type="application/dicom"',
      timeoutMs: 60_000,
      idleTimeoutMs: 20_000,
      ...(secure ? withClientSecurity(ctx.sut) : {}),
    },
    async (part) => {
      const h = createHash('sha256');
      for await (const c of part.body) h.update(c as Buffer);
      parts.push(h.digest('hex'));
    },
  );
  await ctx.evidence.exchange(r.exchange);
  return {
    ...(r.status === undefined ? {} : { status: r.status }),
    ...(r.contentType ? { contentType: r.contentType } : {}),
    parts,
    exchange: r.exchange,
    ...(r.failure ? { error: r.failure.message } : r.errorText ? { error: r.errorText } : {}),
  };
}

export const first = (row: JsonRow | undefined, tag: string): unknown => row?.[tag]?.Value?.[0];
