// How an HTTP simulator is declared: a name, a path prefix, a table of transactions (route or
// SOAP action -> transaction, handler) and one error path. The kit turns the table into fastify
// routes inside the simulator's own encapsulated context (its content-type parsers, 404 and
// error handlers stay its own), prints its endpoints from the same rows, and records every
// exchange, framework-level rejections included, through the shared recorder.
import type { TLSSocket } from 'node:tls';
import type { FastifyInstance, FastifyReply, FastifyRequest, HTTPMethods, RouteHandlerMethod } from 'fastify';
import type { Exchange, Payload, TlsInfo } from '../../model/exchange.ts';
import { tlsInfo } from '../tls/tls-info.ts';
import { httpUrlOf, type ExchangeRecorder, type PayloadInput } from './recorder.ts';

export interface Endpoint {
  transaction: string;
  url: string;
}

/** One row of a simulator's table. */
export interface TransactionRow<H> {
  transaction: string;
  /** Further transactions served by the same row and printed with the same URL (RAD-68 rides on ITI-41's action). */
  alsoServes?: readonly string[];
  /** Default GET; SOAP rows are POST. */
  method?: HTTPMethods | readonly HTTPMethods[];
  /** Under the simulator's prefix, fastify syntax ('' is the prefix itself, '/Binary/:id'). */
  path: string;
  /** SOAP rows: the wsa:Action this row answers at `path`. */
  soapAction?: string;
  /** The printed URL under the prefix when it differs from `path` (parameters); false: not printed. */
  print?: string | false;
  handle: H;
}

/** A protocol's answer (SOAP fault, OperationOutcome, DICOMweb error text, …). */
export interface Answer {
  status: number;
  contentType: string;
  body: string | Buffer;
  headers?: Record<string, string>;
  /** The transaction the evidence files this answer under (default 'HTTP'). */
  transaction?: string;
}

/** A framework-level failure: unknown route or method (404), body limit (413), unreadable body (400/415), a throw (500). */
export interface FrameworkError {
  status: number;
  message: string;
  method: string;
  url: string;
  /** 405 only: the methods the resource does serve (sent as `Allow`). */
  allow?: readonly string[];
}

/** What a handler gets besides the fastify request/reply. */
export interface HttpContext {
  /** 'http://127.0.0.1:PORT', known once the server listens. */
  serverUrl(): string;
  /** Server URL + prefix: the simulator's base. */
  base(): string;
  recorder: ExchangeRecorder;
  /** A new exchange for `req`: from/to as URLs, method/url/headers (redacted), TLS parameters. */
  begin(req: FastifyRequest, transaction: string, body?: Omit<PayloadInput, 'method' | 'url' | 'headers'>): Exchange;
  /** The response payload with status and headers, through the one policy. */
  response(status: number, p: Omit<PayloadInput, 'status' | 'summary'>): Payload;
  /** Sends an answer and records `ex` with it (error answers keep their body as evidence). */
  answer(reply: FastifyReply, ex: Exchange, a: Answer, started: number, error?: string): FastifyReply;
}

export interface HttpSimulator<H = unknown> {
  readonly kind: 'http';
  name: string;
  /** '/xds', '/fhir', '/dicom-web': every route of the table lives under it. */
  prefix: string;
  rows: readonly TransactionRow<H>[];
  /**
   * Answer 405 with `Allow` for other methods on a routed path (DICOMweb, PS3.18 8.7.1), instead
   * of handing them to `unmatched`; off where the simulator's core routes methods itself (MHD).
   */
  methodNotAllowed?: boolean;
  /** Largest body fastify's own parsers accept on these routes. */
  bodyLimit?: number;
  /** Content-type parsers and other context-wide setup, inside the simulator's encapsulated context. */
  setup?(app: FastifyInstance, ctx: HttpContext): void;
  /** The handler of the rows that share one method+path (SOAP: pick the row by action; REST: the one row). */
  serve(rows: readonly TransactionRow<H>[], ctx: HttpContext): RouteHandlerMethod;
  /** Requests under the prefix that match no row; default: `errorAnswer` with 404. */
  unmatched?(ctx: HttpContext): RouteHandlerMethod;
  /** The one error path: what the protocol answers to a framework-level failure. */
  errorAnswer(e: FrameworkError): Answer;
  /** After the server closed and the evidence is flushed (close the simulator's own resources). */
  close?(): Promise<void>;
}

/** Declares a simulator; the identity function, there for the types and to read as a declaration. */
export function defineSimulator<H>(def: Omit<HttpSimulator<H>, 'kind'>): HttpSimulator<H> {
  return { kind: 'http', ...def };
}

/** The printed endpoints of a simulator, in table order. */
export function endpointsOf(sim: Pick<HttpSimulator, 'prefix' | 'rows'>, serverUrl: string): Endpoint[] {
  const out: Endpoint[] = [];
  for (const r of sim.rows) {
    if (r.print === false) continue;
    const url = `${serverUrl}${sim.prefix}${r.print ?? r.path}`;
    for (const t of [r.transaction, ...(r.alsoServes ?? [])]) out.push({ transaction: t, url });
  }
  return out;
}

export function tlsOf(req: FastifyRequest): TlsInfo | undefined {
  const s = req.socket as Partial<TLSSocket>;
  if (!s.encrypted || typeof s.getCipher !== 'function') return undefined;
  // One description of a TLS connection for servers and clients (version, suite, peer fingerprint).
  return tlsInfo(s as TLSSocket);
}

export function httpContext(recorder: ExchangeRecorder, serverUrl: () => string, prefix: string): HttpContext {
  const ctx: HttpContext = {
    serverUrl,
    base: () => `${serverUrl()}${prefix}`,
    recorder,
    begin(req, transaction, body = {}) {
      const scheme = (req.socket as Partial<TLSSocket>).encrypted ? 'https' : 'http';
      const ex = recorder.begin({
        transaction,
        from: httpUrlOf(scheme, req.socket.remoteAddress ?? req.ip, req.socket.remotePort),
        to: `${serverUrl()}${req.url.split('?')[0]}`,
        // No body given and none measured: the request had none (a GET), hashed as empty.
        request: recorder.payload({
          summary: `${req.method} ${req.url} HTTP/${req.raw.httpVersion}`,
          ...(body.body === undefined && body.size === undefined && body.sha256 === undefined ? { body: Buffer.alloc(0) } : {}),
          ...body,
          method: req.method,
          url: req.url,
          headers: req.headers,
          ...contentTypeOf(req, body),
        }),
      });
      const tls = tlsOf(req);
      if (tls) ex.tls = tls;
      return ex;
    },
    response: (status, p) => recorder.payload({ ...p, summary: `HTTP ${status}`, status }),
    answer(reply, ex, a, started, error) {
      if (a.transaction) ex.transaction = a.transaction;
      reply.code(a.status).header('content-type', a.contentType);
      for (const [k, v] of Object.entries(a.headers ?? {})) reply.header(k, v);
      ex.response = ctx.response(a.status, {
        contentType: a.contentType,
        body: a.body,
        headers: { ...a.headers, 'content-type': a.contentType },
      });
      if (error !== undefined) ex.error = error;
      ex.durationMs = Date.now() - started;
      recorder.record(ex);
      return reply.send(a.body);
    },
  };
  return ctx;
}

function contentTypeOf(req: FastifyRequest, body: Omit<PayloadInput, 'method' | 'url' | 'headers'>): { contentType?: string } {
  const ct = body.contentType ?? req.headers['content-type'];
  return ct ? { contentType: ct } : {};
}

/** Registers a simulator's table inside its own encapsulated context under its prefix. */
export async function mountHttp(app: FastifyInstance, sim: HttpSimulator, ctx: HttpContext): Promise<void> {
  await app.register(
    async (child) => {
      sim.setup?.(child, ctx);
      const groups = new Map<string, TransactionRow<unknown>[]>();
      for (const row of sim.rows) {
        const methods = [row.method ?? (row.soapAction ? 'POST' : 'GET')].flat();
        const key = `${methods.join(',')} ${row.path}`;
        groups.set(key, [...(groups.get(key) ?? []), row]);
      }
      for (const [key, rows] of groups) {
        const [methods = 'GET', ...path] = key.split(' ');
        child.route({
          method: methods.split(',') as HTTPMethods[],
          url: path.join(' '),
          handler: sim.serve(rows, ctx),
          ...(sim.bodyLimit ? { bodyLimit: sim.bodyLimit } : {}),
        });
      }
      if (sim.methodNotAllowed)
        for (const [url, allow] of allowedMethods(groups.keys())) {
          const others = ALL_METHODS.filter((m) => !allow.includes(m));
          child.route({
            method: others,
            url,
            handler: (req, reply) =>
              frameworkAnswer(sim, ctx, req, reply, 405, `${req.method} is not served at ${req.url.split('?')[0]}`, allow),
          });
        }
      const unmatched =
        sim.unmatched?.(ctx) ??
        ((req: FastifyRequest, reply: FastifyReply) => frameworkAnswer(sim, ctx, req, reply, 404, `nothing at ${req.method} ${req.url}`));
      child.setNotFoundHandler(unmatched);
      // Body too large, unreadable body, anything thrown: the protocol's answer, and evidence.
      child.setErrorHandler((err: { statusCode?: number; message?: string; stack?: string }, req, reply) => {
        const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
        if (status === 500) logInternal(sim.name, req, err);
        return frameworkAnswer(
          sim,
          ctx,
          req,
          reply,
          status,
          status === 500 ? `internal error: ${err.message ?? 'request failed'}` : (err.message ?? 'request failed'),
        );
      });
    },
    { prefix: sim.prefix },
  );
}

/** A framework-level failure answered in the simulator's protocol and recorded. */
export function frameworkAnswer(
  sim: Pick<HttpSimulator, 'errorAnswer'>,
  ctx: HttpContext,
  req: FastifyRequest,
  reply: FastifyReply,
  status: number,
  message: string,
  allow?: readonly string[],
): FastifyReply {
  const started = Date.now();
  const answer = sim.errorAnswer({ status, message, method: req.method, url: req.url, ...(allow ? { allow } : {}) });
  // RFC 9110 15.5.6: a 405 MUST carry Allow, whatever the simulator's own answer says.
  const a = allow && answer.status === 405 ? { ...answer, headers: { ...answer.headers, allow: allow.join(', ') } } : answer;
  // A body fastify parsed is evidence; one it refused (too large, unreadable) is not hashed as if empty.
  const declared = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
  const ex = ctx.begin(req, a.transaction ?? 'HTTP', Buffer.isBuffer(req.body) ? { body: req.body } : declared ? { size: 0 } : {});
  // The unread rest of the body would stall a kept-alive connection.
  if (!req.raw.readableEnded) reply.header('connection', 'close');
  return ctx.answer(reply, ex, a, started, message);
}

/** Methods a 405 route takes (fastify's own list minus the ones no SUT sends to a resource). */
const ALL_METHODS: HTTPMethods[] = ['DELETE', 'GET', 'HEAD', 'PATCH', 'POST', 'PUT', 'OPTIONS'];

/** Path -> the methods its rows serve (HEAD rides on GET, as fastify exposes it). */
function allowedMethods(keys: Iterable<string>): Map<string, HTTPMethods[]> {
  const out = new Map<string, HTTPMethods[]>();
  for (const key of keys) {
    const [methods = 'GET', ...path] = key.split(' ');
    const url = path.join(' ');
    const list = methods.split(',') as HTTPMethods[];
    out.set(url, [...new Set([...(out.get(url) ?? []), ...list, ...(list.includes('GET') ? (['HEAD'] as HTTPMethods[]) : [])])]);
  }
  return out;
}

/**
 * A 500 is our defect, never the SUT's: its stack goes to stderr so it can be fixed (the hostile
 * corpus run fails on any such line).
 */
export function logInternal(
  simulator: string,
  req: Pick<FastifyRequest, 'method' | 'url'>,
  err: { message?: string; stack?: string },
): void {
  process.stderr.write(
    `mcwg ${simulator}: internal error on ${req.method} ${req.url.slice(0, 200)}: ${err.stack ?? err.message ?? String(err)}\n`,
  );
}
