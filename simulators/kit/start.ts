// startSimulators: any set of HTTP simulators on ONE fastify server and one port, one recorder
// for all of them. Each simulator stays encapsulated under its prefix (its parsers, 404 and
// error handlers are its own); what no prefix claims gets a plain 404, or the protocol's answer
// when a single simulator is mounted (a misrouted SUT then sees a SOAP fault or an
// OperationOutcome, as it would from that actor alone).
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { TlsOptions } from 'node:tls';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import type { Exchange, Simulator } from '../../model/exchange.ts';
import {
  endpointsOf,
  frameworkAnswer,
  httpContext,
  logInternal,
  mountHttp,
  type Endpoint,
  type HttpContext,
  type HttpSimulator,
} from './http.ts';
import { ExchangeRecorder, httpUrlOf, type ExchangeSink } from './recorder.ts';

export interface StartSimulatorsOptions {
  // A simulator's own handler type is its business; the kit only routes to it.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  plugins: readonly HttpSimulator<any>[];
  /** 0 (default) asks the OS for a free port. */
  port?: number;
  host?: string;
  /** Where every simulator's evidence persists (the XDS/MHD store implements it). */
  store?: ExchangeSink & { close?(): Promise<void> };
  /** Close `store` once stopped and flushed (the caller opened it for this server alone). */
  closeStore?: boolean;
  /** Shared with the caller's clients, or a new one over `store`. */
  recorder?: ExchangeRecorder;
  /** Each exchange of the named simulator as it completes (the CLI logs them). */
  onExchange?: (simulator: string, e: Exchange) => void;
  /** Serve HTTPS with these options (simulators/tls tlsServerOptions: TLS 1.2+, mutual TLS when a CA is set). */
  tls?: TlsOptions;
}

export interface MountedSimulator extends Simulator {
  name: string;
  /** Server URL + prefix. */
  base: string;
  endpoints: Endpoint[];
}

export interface RunningSimulators extends Simulator {
  endpoints: Endpoint[];
  simulators: Record<string, MountedSimulator>;
  recorder: ExchangeRecorder;
}

export async function startSimulators(opts: StartSimulatorsOptions): Promise<RunningSimulators> {
  const host = opts.host ?? '127.0.0.1';
  const recorder = opts.recorder ?? new ExchangeRecorder(opts.store ? { sink: opts.store } : {});
  const names = new Set<string>();
  for (const p of opts.plugins) {
    if (names.has(p.name)) throw new Error(`simulator ${p.name} is mounted twice`);
    names.add(p.name);
  }
  // Routes carry their simulator's own body limit; the server-wide one covers what reaches a
  // not-found handler under a prefix (e.g. POST /fhir/), which must not be stricter.
  const bodyLimit = Math.max(1024 * 1024, ...opts.plugins.map((p) => p.bodyLimit ?? 0));
  let serverUrl = '';
  const contexts: { sim: HttpSimulator; ctx: HttpContext }[] = [];
  // Which simulator answers a request the router or Node's HTTP parser refused: the one whose
  // prefix the URL is under, so a SOAP client gets a Fault and a FHIR client an OperationOutcome.
  const claim = (url: string): { sim: Pick<HttpSimulator, 'errorAnswer'>; ctx: HttpContext } => {
    const path = url.split('?')[0] ?? '';
    const hit = contexts.find(({ sim }) => path === sim.prefix || path.startsWith(`${sim.prefix}/`));
    return hit ?? { sim: rootSim, ctx: rootCtx };
  };
  const app = Fastify({
    logger: false,
    forceCloseConnections: true,
    keepAliveTimeout: 5_000,
    bodyLimit,
    ...(opts.tls ? { https: opts.tls } : {}),
    // A parameter over find-my-way's length (a 1,000-character UID) or a URL it cannot decode.
    frameworkErrors: (err, req, reply) => {
      const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 400;
      return frameworkAnswer(claim(req.url).sim, claim(req.url).ctx, req, reply, status, err.message);
    },
    // Node's parser refused the bytes before fastify saw a request (garbage request line, bad
    // chunked encoding, headers or URL over maxHeaderSize): answer in the protocol of the prefix.
    clientErrorHandler: (err, socket) => clientError(err as unknown as ParserError, socket, claim, () => serverUrl, inFlight.get(socket)),
  });
  // The request line of the request in flight on each connection: a parser error in its body
  // (short body, bad chunk) arrives with only the body bytes, yet belongs to that URL's protocol.
  const inFlight = new WeakMap<object, { method: string; url: string }>();
  app.addHook('onRequest', (req, _reply, done) => {
    inFlight.set(req.raw.socket, { method: req.method, url: req.url });
    done();
  });
  for (const sim of opts.plugins) {
    const scoped = recorder.scope(opts.onExchange ? { onExchange: (e) => opts.onExchange!(sim.name, e) } : {});
    const ctx = httpContext(scoped, () => serverUrl, sim.prefix);
    await mountHttp(app, sim, ctx);
    contexts.push({ sim, ctx });
  }
  const only = contexts.length === 1 ? contexts[0] : undefined;
  const rootCtx = only?.ctx ?? httpContext(recorder, () => serverUrl, '');
  const rootSim: Pick<HttpSimulator, 'errorAnswer'> = only?.sim ?? {
    errorAnswer: (e) => ({
      status: e.status,
      contentType: 'text/plain; charset=utf-8',
      body: `${e.status} ${e.message}; served here: ${opts.plugins.map((p) => p.prefix).join(', ')}\n`,
    }),
  };
  app.setNotFoundHandler((req: FastifyRequest, reply: FastifyReply) =>
    frameworkAnswer(rootSim, rootCtx, req, reply, 404, `nothing at ${req.method} ${req.url}`),
  );
  app.setErrorHandler((err: { statusCode?: number; message?: string; stack?: string }, req, reply) => {
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
    if (status === 500) logInternal('server', req, err);
    return frameworkAnswer(rootSim, rootCtx, req, reply, status, err.message ?? 'request failed');
  });

  await app.listen({ port: opts.port ?? 0, host });
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  serverUrl = `${opts.tls ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${port}`;

  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopped ??= (async () => {
      await app.close();
      await recorder.flush();
      for (const { sim } of contexts) await sim.close?.();
      if (opts.closeStore) await opts.store?.close?.();
    })();
    return stopped;
  };
  const simulators: Record<string, MountedSimulator> = {};
  for (const { sim, ctx } of contexts) {
    simulators[sim.name] = {
      name: sim.name,
      url: serverUrl,
      base: ctx.base(),
      endpoints: endpointsOf(sim, serverUrl),
      exchanges: () => ctx.recorder.exchanges(),
      stop,
    };
  }
  return {
    url: serverUrl,
    endpoints: contexts.flatMap(({ sim }) => endpointsOf(sim, serverUrl)),
    simulators,
    recorder,
    exchanges: () => recorder.exchanges(),
    stop,
  };
}

/** Options of a simulator started alone (the `startXds`-style entry points). */
export interface StartAloneOptions {
  port?: number;
  host?: string;
  store?: StartSimulatorsOptions['store'];
  closeStore?: boolean;
  onExchange?: (e: Exchange) => void;
  tls?: TlsOptions;
}

/** One simulator on its own port: what `startXds`, `startMhd` and `startWadoRs` share. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function startAlone(plugin: HttpSimulator<any>, opts: StartAloneOptions): Promise<MountedSimulator> {
  const running = await startSimulators({
    plugins: [plugin],
    ...(opts.store ? { store: opts.store } : {}),
    ...(opts.closeStore ? { closeStore: true } : {}),
    ...(opts.port === undefined ? {} : { port: opts.port }),
    ...(opts.host === undefined ? {} : { host: opts.host }),
    ...(opts.tls ? { tls: opts.tls } : {}),
    ...(opts.onExchange ? { onExchange: (_n: string, e: Exchange) => opts.onExchange!(e) } : {}),
  });
  return running.simulators[plugin.name]!;
}

interface ParserError extends Error {
  code?: string;
  /** What Node's parser was reading when it gave up (starts with the request line for a new request). */
  rawPacket?: Buffer;
}

/**
 * Answers a request Node's HTTP parser refused, on the raw socket (there is no request object):
 * 431 for headers/URL over the limit, 408 for a request that timed out, 400 otherwise, each in
 * the claiming simulator's protocol, then closes the connection (the parser cannot resync).
 */
function clientError(
  err: ParserError,
  socket: Socket,
  claim: (url: string) => { sim: Pick<HttpSimulator, 'errorAnswer'>; ctx: HttpContext },
  serverUrl: () => string,
  current?: { method: string; url: string },
): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  try {
    const status = err.code === 'HPE_HEADER_OVERFLOW' ? 431 : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
    const line = err.rawPacket?.subarray(0, 8192).toString('latin1').split(/\r?\n/, 1)[0] ?? '';
    const m = /^([A-Z]{1,20}) (\S+)/.exec(line);
    const method = m?.[1] ?? current?.method ?? '';
    const url = m?.[2] ?? current?.url ?? '';
    const message =
      status === 431
        ? "request line or headers exceed the server's header size limit"
        : status === 408
          ? 'request not complete in time'
          : `malformed HTTP request (${err.code ?? err.message})`;
    const { sim, ctx } = claim(url);
    const a = sim.errorAnswer({ status, message, method, url });
    const body = Buffer.isBuffer(a.body) ? a.body : Buffer.from(a.body);
    const head = [
      `HTTP/1.1 ${a.status} ${STATUS_CODES[a.status] ?? 'Error'}`,
      `Content-Type: ${a.contentType}`,
      `Content-Length: ${body.length}`,
      'Connection: close',
      ...Object.entries(a.headers ?? {}).map(([k, v]) => `${k}: ${v}`),
    ];
    const ex = ctx.recorder.begin({
      transaction: a.transaction ?? 'HTTP',
      from: httpUrlOf('http', socket.remoteAddress, socket.remotePort),
      to: `${serverUrl()}${url.split('?')[0]?.slice(0, 2048) ?? ''}`,
      request: ctx.recorder.payload({ summary: line.slice(0, 200) || '(no request line)', size: err.rawPacket?.length ?? 0 }),
    });
    ex.response = ctx.response(a.status, { contentType: a.contentType, body: a.body });
    ex.error = message;
    ex.durationMs = 0;
    ctx.recorder.record(ex);
    if (socket.writable) socket.end(Buffer.concat([Buffer.from(`${head.join('\r\n')}\r\n\r\n`, 'latin1'), body]));
    else socket.destroy();
  } catch {
    socket.destroy();
  }
}
