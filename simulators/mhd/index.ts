// fastify adapter of the MHD Document Recipient/Responder at /fhir: hands each request to the
// core as bytes, writes FHIR JSON (or document bytes for ITI-68), records every exchange,
// rejected ones included. Nothing escapes as a crash: errors are OperationOutcomes.
import { createHash, randomUUID } from 'node:crypto';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import type { Exchange, Payload, Simulator } from '../../model/exchange.ts';
import type { XdsStore } from '../store/types.ts';
import { mhdConfig, type MhdConfig } from './config.ts';
import { handle, type MhdContext } from './core.ts';
import { fail, type MhdResponse } from './outcomes.ts';

export const FHIR_BASE_PATH = '/fhir';
const INLINE_LIMIT = 64 * 1024;
const FHIR_JSON = 'application/fhir+json; charset=utf-8';

export interface MhdServerOptions {
  port?: number;
  host?: string;
  store: XdsStore;
  config?: MhdConfig;
  /** Whole request body cap, bytes (413 above it). */
  maxBodyBytes?: number;
  /** Software version shown in the CapabilityStatement. */
  version?: string;
  /** Close the store on stop (false when another simulator shares it). */
  closeStore?: boolean;
  onExchange?: (e: Exchange) => void;
}

export interface MhdSimulator extends Simulator {
  /** The FHIR base, `{url}/fhir`. */
  base: string;
  endpoints: { transaction: string; url: string }[];
}

export async function startMhd(opts: MhdServerOptions): Promise<MhdSimulator> {
  const cfg = opts.config ?? mhdConfig();
  const maxBody = opts.maxBodyBytes ?? Math.ceil(cfg.maxBinaryBytes * 1.4) + 1024 * 1024;
  const exchanges: Exchange[] = [];
  const app = Fastify({ logger: false, bodyLimit: maxBody, forceCloseConnections: true });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  let base = '';

  const record = (req: FastifyRequest, transaction: string, res: MhdResponse, body: Buffer | undefined, started: number, error?: string) => {
    const ex: Exchange = {
      id: randomUUID(),
      at: new Date(started).toISOString(),
      transaction,
      from: `${req.ip}:${req.socket.remotePort ?? ''}`,
      to: `${base}${req.url.split('?')[0]}`,
      request: payload(`${req.method} ${req.url} HTTP/${req.raw.httpVersion}`, req.headers['content-type'], body ?? Buffer.alloc(0), headersOf(req.headers)),
      response: payload(`HTTP ${res.status}`, res.contentType ?? FHIR_JSON, bodyOf(res)),
      durationMs: Date.now() - started,
      ...(error ? { error } : {}),
    };
    exchanges.push(ex);
    opts.onExchange?.(ex);
    return ex;
  };

  const route = async (req: FastifyRequest, reply: FastifyReply) => {
    const started = Date.now();
    const url = new URL(req.url, 'http://x');
    const body = Buffer.isBuffer(req.body) ? req.body : undefined;
    const ctx: MhdContext = { store: opts.store, cfg, base: `${base}${FHIR_BASE_PATH}`, version: opts.version ?? '0.0.0', exchangeId: randomUUID() };
    const { transaction, response } = await handle({
      method: req.method,
      path: url.pathname.slice(FHIR_BASE_PATH.length),
      query: url.searchParams,
      headers: req.headers as Record<string, string | undefined>,
      ...(body ? { body } : {}),
    }, ctx);
    record(req, transaction, response, body, started);
    return send(reply, response);
  };
  app.route({ method: ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH'], url: FHIR_BASE_PATH, handler: route });
  app.route({ method: ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH'], url: `${FHIR_BASE_PATH}/*`, handler: route });
  app.setNotFoundHandler((req, reply) => {
    const res = fail(404, { code: 'not-found', diagnostics: `nothing at ${req.method} ${req.url}; the FHIR base is ${FHIR_BASE_PATH}` });
    record(req, 'HTTP', res, undefined, Date.now());
    return send(reply, res);
  });
  // Body too large, unreadable body, anything thrown: still an OperationOutcome and evidence.
  app.setErrorHandler((err: { statusCode?: number; message?: string }, req, reply) => {
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
    const res = fail(status, { code: status === 413 ? 'too-long' : status === 500 ? 'exception' : 'invalid', diagnostics: err.message ?? 'request failed' });
    record(req, req.method === 'POST' && /\/fhir\/?$/.test(req.url) ? 'ITI-65' : 'FHIR', res, undefined, Date.now(), err.message);
    if (!req.raw.readableEnded) reply.header('connection', 'close');
    return send(reply, res);
  });

  await app.listen({ port: opts.port ?? 0, host: opts.host ?? '127.0.0.1' });
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  base = `http://${opts.host ?? '127.0.0.1'}:${port}`;
  const fhir = `${base}${FHIR_BASE_PATH}`;
  let stopped: Promise<void> | undefined;
  return {
    url: base,
    base: fhir,
    endpoints: [
      { transaction: 'ITI-65', url: fhir },
      { transaction: 'ITI-66', url: `${fhir}/List` },
      { transaction: 'ITI-67', url: `${fhir}/DocumentReference` },
      { transaction: 'ITI-68', url: `${fhir}/Binary` },
      { transaction: 'CapabilityStatement', url: `${fhir}/metadata` },
    ],
    exchanges: () => [...exchanges],
    stop() {
      stopped ??= app.close().then(() => (opts.closeStore === false ? undefined : opts.store.close()));
      return stopped;
    },
  };
}

function send(reply: FastifyReply, res: MhdResponse) {
  reply.code(res.status);
  for (const [k, v] of Object.entries(res.headers ?? {})) reply.header(k, v);
  if (res.bytes) return reply.header('content-type', res.contentType ?? 'application/octet-stream').send(res.bytes);
  return reply.header('content-type', FHIR_JSON).send(JSON.stringify(res.resource ?? {}));
}

function bodyOf(res: MhdResponse): Buffer {
  return res.bytes ?? Buffer.from(JSON.stringify(res.resource ?? {}));
}

function payload(summary: string, contentType: string | undefined, body: Buffer, headers?: Record<string, string>): Payload {
  const p: Payload = { summary, size: body.length, sha256: createHash('sha256').update(body).digest('hex') };
  if (headers) p.headers = headers;
  if (contentType) p.contentType = contentType;
  if (body.length && body.length <= INLINE_LIMIT && !/dicom|octet-stream/.test(contentType ?? '')) p.body = body.toString('utf8');
  return p;
}

function headersOf(h: FastifyRequest['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) if (v !== undefined && k !== 'authorization' && k !== 'cookie') out[k] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}
