// One study-level retrieve, timed and recorded as evidence: when the headers came, when the
// first body byte came, when the body ended. The load and streaming steps read these figures.
// node:http(s) rather than fetch: the body is read as it arrives (first-byte timing) and
// https:// takes the profile's TLS client options (CA, client certificate).
import { randomUUID } from 'node:crypto';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { ConnectionOptions, TLSSocket } from 'node:tls';
import type { Exchange } from '../../../../model/exchange.ts';
import { payloadOf } from '../../../../simulators/kit/recorder.ts';
import { tlsInfo } from '../../../../simulators/tls/tls-info.ts';
import { classifyUnreachable, describeUnreachable } from '../../../../model/transport.ts';

export const STUDY_ACCEPT = 'multipart/related; type="application/dicom"; transfer-syntax=*';

export interface TimedAnswer {
  status: number;
  headers: IncomingHttpHeaders | undefined;
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

export async function timedGet(
  url: string,
  transaction: string,
  opts: { headers?: Record<string, string>; tls?: ConnectionOptions; timeoutMs?: number } = {},
): Promise<TimedAnswer> {
  const headers = { accept: STUDY_ACCEPT, ...opts.headers };
  const exchange: Exchange = {
    id: randomUUID(),
    at: new Date().toISOString(),
    transaction,
    from: 'mcwg',
    to: url,
    request: payloadOf({ summary: `GET ${url}`, method: 'GET', url, headers, body: Buffer.alloc(0) }),
  };
  const t0 = performance.now();
  const out: Omit<TimedAnswer, 'exchange' | 'totalMs'> = { status: 0, headers: undefined, bytes: 0, headersMs: 0, firstByteMs: undefined };
  const chunks: Buffer[] = [];
  try {
    await new Promise<void>((done, fail) => {
      const https = url.startsWith('https:');
      const req = (https ? httpsRequest : httpRequest)(
        url,
        { headers, signal: AbortSignal.timeout(opts.timeoutMs ?? 30_000), ...(https && opts.tls ? { ...opts.tls, agent: false } : {}) },
        (res) => {
          out.status = res.statusCode ?? 0;
          out.headers = res.headers;
          out.headersMs = performance.now() - t0;
          if ((res.socket as Partial<TLSSocket>).encrypted) exchange.tls = tlsInfo(res.socket as TLSSocket);
          res.on('data', (c: Buffer) => {
            out.firstByteMs ??= performance.now() - t0;
            // Image bodies are counted, not kept; error texts are kept as evidence.
            if (out.status !== 200) chunks.push(c);
            out.bytes += c.length;
          });
          res.on('end', done);
          res.on('error', fail);
          res.on('aborted', () => fail(new Error('the connection closed mid-body')));
        },
      );
      req.on('error', fail);
      req.end();
    });
    const ct = String(out.headers?.['content-type'] ?? '');
    exchange.response = {
      ...payloadOf({
        summary: `HTTP ${out.status}`,
        status: out.status,
        headers: out.headers as Record<string, string>,
        contentType: ct,
        body: Buffer.concat(chunks),
      }),
      ...(out.status === 200 ? { size: out.bytes } : {}),
    };
  } catch (err) {
    // No answer at all (refused, unresolvable) is ours to report as error, not the source's
    // failure; a timeout or a reset mid-answer stays a finding for the steps (a drop under load).
    const u = classifyUnreachable(err, url);
    out.error = u ? describeUnreachable(u) : err instanceof Error ? err.message : String(err);
    if (out.status === 0 && u?.code !== 'timeout') out.noAnswer = true;
    exchange.error = out.error;
  }
  const totalMs = performance.now() - t0;
  exchange.durationMs = Math.round(totalMs);
  return { ...out, totalMs, exchange };
}
