// startSimulators: any set of HTTP simulators on ONE fastify server and one port, one recorder
// for all of them. Each simulator stays encapsulated under its prefix (its parsers, 404 and
// error handlers are its own); what no prefix claims gets a plain 404, or the protocol's answer
// when a single simulator is mounted (a misrouted SUT then sees a SOAP fault or an
// OperationOutcome, as it would from that actor alone).
import type { TlsOptions } from 'node:tls';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import type { Exchange, Simulator } from '../../model/exchange.ts';
import { endpointsOf, frameworkAnswer, httpContext, mountHttp, type Endpoint, type HttpContext, type HttpSimulator } from './http.ts';
import { ExchangeRecorder, type ExchangeSink } from './recorder.ts';

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
  const app = Fastify({ logger: false, forceCloseConnections: true, keepAliveTimeout: 5_000, bodyLimit, ...(opts.tls ? { https: opts.tls } : {}) });
  let serverUrl = '';
  const contexts: { sim: HttpSimulator; ctx: HttpContext }[] = [];
  for (const sim of opts.plugins) {
    const scoped = recorder.scope(opts.onExchange ? { onExchange: (e) => opts.onExchange!(sim.name, e) } : {});
    const ctx = httpContext(scoped, () => serverUrl, sim.prefix);
    await mountHttp(app, sim, ctx);
    contexts.push({ sim, ctx });
  }
  const only = contexts.length === 1 ? contexts[0] : undefined;
  const rootCtx = only?.ctx ?? httpContext(recorder, () => serverUrl, '');
  const rootSim: Pick<HttpSimulator, 'errorAnswer'> = only?.sim ?? {
    errorAnswer: (e) => ({ status: e.status, contentType: 'text/plain; charset=utf-8', body: `${e.status} ${e.message}; served here: ${opts.plugins.map((p) => p.prefix).join(', ')}\n` }),
  };
  app.setNotFoundHandler((req: FastifyRequest, reply: FastifyReply) => frameworkAnswer(rootSim, rootCtx, req, reply, 404, `nothing at ${req.method} ${req.url}`));
  app.setErrorHandler((err: { statusCode?: number; message?: string }, req, reply) => {
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
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
    simulators[sim.name] = { name: sim.name, url: serverUrl, base: ctx.base(), endpoints: endpointsOf(sim, serverUrl), exchanges: () => ctx.recorder.exchanges(), stop };
  }
  return { url: serverUrl, endpoints: contexts.flatMap(({ sim }) => endpointsOf(sim, serverUrl)), simulators, recorder, exchanges: () => recorder.exchanges(), stop };
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
