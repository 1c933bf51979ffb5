// One WADO-RS GET, streamed: the response parts are handed to a callback one at a time, and
// the exchange is recorded as evidence (headers and sizes, never bodies). A stalled or
// dropped connection ends in `error`, never a hang.
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { ConnectionOptions, TLSSocket } from 'node:tls';
import type { Exchange } from '../../model/exchange.ts';
import { tlsInfo } from '../tls/tls-info.ts';
import { classifyUnreachable, describeUnreachable } from '../../model/transport.ts';
import { BodyTap, payloadOf } from '../kit/recorder.ts';
import { readMultipart, MultipartReadError, type IncomingPart, type MultipartLimits } from '../../protocols/multipart/index.ts';

export interface GetOptions {
  accept: string;
  headers?: Record<string, string>;
  /** Whole exchange, ms. */
  timeoutMs: number;
  /** No body byte for this long ends the exchange, ms. */
  idleTimeoutMs: number;
  limits?: MultipartLimits;
  transaction?: string;
  /** https:// with our TLS client options (simulators/tls tlsClientOptions: CA, client certificate). */
  tls?: ConnectionOptions;
}

export interface GetResult {
  exchange: Exchange;
  status?: number;
  contentType?: string;
  /** Short error text body (non-200), at most 500 characters. */
  errorText?: string;
  /** Transport or framing failure. */
  failure?: { code: string; message: string };
  parts: number;
  bytes: number;
  /** ms from request to response headers. */
  headersMs?: number;
}

let seq = 0;

/** `onPart` returns false to stop reading (the probe stops after the first part). */
export async function getMultipart(
  url: string,
  opts: GetOptions,
  onPart: (part: IncomingPart) => Promise<boolean | void>,
): Promise<GetResult> {
  const t0 = performance.now();
  const reqHeaders = { accept: opts.accept, ...opts.headers };
  const exchange: Exchange = {
    id: `wado-client-${++seq}`,
    at: new Date().toISOString(),
    transaction: opts.transaction ?? 'RAD-107',
    from: 'mcwg-client',
    to: url,
    request: payloadOf({ summary: `GET ${url}`, method: 'GET', url, headers: reqHeaders }),
  };
  const result: GetResult = { exchange, parts: 0, bytes: 0 };
  const tap = new BodyTap();
  const ac = new AbortController();
  let why = '';
  const abort = (reason: string): void => {
    if (!why) why = reason;
    ac.abort();
  };
  const total = setTimeout(() => abort(`no complete answer within ${opts.timeoutMs} ms`), opts.timeoutMs);
  let idle: NodeJS.Timeout | undefined;
  const touch = (): void => {
    clearTimeout(idle);
    idle = setTimeout(() => abort(`no data for ${opts.idleTimeoutMs} ms`), opts.idleTimeoutMs);
  };
  try {
    touch();
    const res = await get(url, reqHeaders, ac.signal, opts.tls);
    if ((res.socket as Partial<TLSSocket>).encrypted) exchange.tls = tlsInfo(res.socket as TLSSocket);
    result.headersMs = performance.now() - t0;
    result.status = res.statusCode ?? 0;
    const headers = flatHeaders(res);
    const ct = headers['content-type'];
    if (ct !== undefined) result.contentType = ct;
    exchange.response = payloadOf({
      summary: `HTTP ${result.status}`,
      status: result.status,
      headers,
      ...(ct === undefined ? {} : { contentType: ct }),
    });
    if (result.status !== 200) {
      const text = await readText(res, 64 * 1024);
      result.bytes = Buffer.byteLength(text);
      // An error answer is small and says why: the evidence keeps it, hashed like any body.
      exchange.response = payloadOf({
        summary: `HTTP ${result.status}`,
        status: result.status,
        headers,
        ...(ct === undefined ? {} : { contentType: ct }),
        body: text,
      });
      result.errorText = text.slice(0, 500);
      return result;
    }
    async function* counted(): AsyncGenerator<Uint8Array> {
      for await (const chunk of res as AsyncIterable<Buffer>) {
        touch();
        result.bytes += chunk.length;
        tap.update(chunk);
        yield chunk;
      }
      // node:http ends the stream quietly when the socket closes mid-body.
      if (!res.complete) throw new Error(`connection closed before the end of the body (${result.bytes} bytes)`);
    }
    for await (const part of readMultipart(counted(), ct ?? undefined, opts.limits)) {
      result.parts++;
      if ((await onPart(part)) === false) {
        abort('stopped by the caller');
        break;
      }
    }
  } catch (err) {
    if (why !== 'stopped by the caller') {
      const code = err instanceof MultipartReadError ? err.code : why ? 'timeout' : 'transport';
      const message = why || (err instanceof Error ? `${err.message}${causeOf(err)}` : String(err));
      result.failure = { code, message: err instanceof MultipartReadError && why ? `${err.message} (${why})` : message };
      exchange.error = result.failure.message;
      // No status line at all: the SUT was not reached (or never answered), nothing to judge.
      const unreachable =
        result.status === undefined
          ? why
            ? { endpoint: url, code: 'timeout' as const, how: why }
            : classifyUnreachable(err, url)
          : undefined;
      if (unreachable) {
        exchange.unreachable = unreachable;
        exchange.error = result.failure.message = describeUnreachable(unreachable);
      }
    }
  } finally {
    clearTimeout(total);
    clearTimeout(idle);
    exchange.durationMs = Math.round(performance.now() - t0);
    if (exchange.response && exchange.response.body === undefined) {
      exchange.response.size = result.bytes;
      // The hash covers what was read; a reader stopped early hashes a prefix, and size says so.
      if (tap.size > 0) exchange.response.sha256 = tap.sha256();
    }
  }
  return result;
}

function get(url: string, headers: Record<string, string>, signal: AbortSignal, tls?: ConnectionOptions): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const req = (url.startsWith('https:') ? httpsRequest : httpRequest)(
      url,
      { headers, ...(tls && url.startsWith('https:') ? { ...tls, agent: false } : {}) },
      (res) => {
        // A destroyed response ends its body early: the reader notices (res.complete is false).
        res.on('error', () => undefined);
        resolve(res);
      },
    );
    // Destroying without an error object: an AbortError emitted on a stream nobody reads any
    // more would go uncaught. The caller knows why it aborted.
    const stop = (): void => {
      req.destroy();
      reject(new Error('aborted'));
    };
    if (signal.aborted) stop();
    else signal.addEventListener('abort', stop, { once: true });
    req.on('close', () => signal.removeEventListener('abort', stop));
    req.on('error', reject);
    req.end();
  });
}

function flatHeaders(res: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

async function readText(res: IncomingMessage, max: number): Promise<string> {
  const chunks: Buffer[] = [];
  let n = 0;
  for await (const c of res as AsyncIterable<Buffer>) {
    if (n < max) chunks.push(c);
    n += c.length;
  }
  return Buffer.concat(chunks).toString('utf8');
}

function causeOf(err: Error): string {
  const c = (err as { cause?: unknown }).cause;
  return c instanceof Error ? `: ${c.message}` : '';
}
