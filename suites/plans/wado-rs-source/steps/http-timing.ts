// One study-level retrieve, timed and recorded as evidence: when the headers came, when the
// first body byte came, when the body ended. The load and streaming steps read these figures.
import { randomUUID } from 'node:crypto';
import type { Exchange } from '../../../../model/exchange.ts';
import { payloadOf } from '../../../../simulators/kit/recorder.ts';
import { classifyUnreachable, describeUnreachable } from '../../../../model/transport.ts';

export const STUDY_ACCEPT = 'multipart/related; type="application/dicom"; transfer-syntax=*';

export interface TimedAnswer {
  status: number;
  headers: Headers | undefined;
  bytes: number;
  /** ms from the request to the response headers, to the first body byte, to the body's end. */
  headersMs: number;
  firstByteMs: number | undefined;
  totalMs: number;
  error?: string;
  /** The failure came before any answer and was no timeout: our side could not reach the source. */
  noAnswer?: boolean;
  exchange: Exchange;
}

export async function timedGet(url: string, transaction: string, extraHeaders: Record<string, string> = {}, timeoutMs = 30_000): Promise<TimedAnswer> {
  const headers = { accept: STUDY_ACCEPT, ...extraHeaders };
  const exchange: Exchange = { id: randomUUID(), at: new Date().toISOString(), transaction, from: 'mcwg', to: url, request: payloadOf({ summary: `GET ${url}`, method: 'GET', url, headers, body: Buffer.alloc(0) }) };
  const t0 = performance.now();
  let out: Omit<TimedAnswer, 'exchange' | 'totalMs'> = { status: 0, headers: undefined, bytes: 0, headersMs: 0, firstByteMs: undefined };
  try {
    const res = await fetch(url, { headers, signal: AbortSignal.timeout(timeoutMs) });
    out = { ...out, status: res.status, headers: res.headers, headersMs: performance.now() - t0 };
    const chunks: Buffer[] = [];
    if (res.body) {
      for await (const c of res.body) {
        if (out.firstByteMs === undefined) out.firstByteMs = performance.now() - t0;
        chunks.push(Buffer.from(c as Uint8Array));
      }
    }
    const body = Buffer.concat(chunks);
    out.bytes = body.length;
    const ct = res.headers.get('content-type') ?? '';
    // Error texts are kept; image bodies go to evidence by size and hash.
    exchange.response = payloadOf({ summary: `HTTP ${res.status}`, status: res.status, headers: res.headers, contentType: ct, body: res.status === 200 ? Buffer.alloc(0) : body });
    if (res.status === 200) exchange.response = { ...exchange.response, size: body.length };
  } catch (err) {
    // No answer at all (refused, unresolvable) is ours to report as error, not the source's
    // failure; a timeout or a reset mid-answer stays a finding for the steps (a drop under load).
    const u = classifyUnreachable(err, url);
    if (u && u.code !== 'timeout' && u.code !== 'ECONNRESET') exchange.unreachable = u;
    out.error = u ? describeUnreachable(u) : err instanceof Error ? `${err.message}${err.cause instanceof Error ? `: ${err.cause.message}` : ''}` : String(err);
    if (out.status === 0 && u?.code !== 'timeout') out.noAnswer = true;
    exchange.error = out.error;
  }
  const totalMs = performance.now() - t0;
  exchange.durationMs = Math.round(totalMs);
  return { ...out, totalMs, exchange };
}
