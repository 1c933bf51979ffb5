// The MHD Document Recipient/Responder as a kit simulator at /fhir: the table names the
// transactions and their routes; each request goes to the core as bytes and comes back as
// FHIR JSON (or document bytes for ITI-68). Requests the table does not route still reach the
// core, which answers 404/405/406 as an OperationOutcome; framework errors (body too large,
// unreadable body) become OperationOutcomes through the one error path. Nothing escapes as a crash.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Exchange, Simulator } from '../../model/exchange.ts';
import { defineSimulator, type Answer, type Endpoint, type HttpContext, type HttpSimulator, type TransactionRow } from '../kit/http.ts';
import { startAlone } from '../kit/start.ts';
import { fhirAccess, requireBearer } from '../auth/guard.ts';
import type { XdsStore } from '../store/types.ts';
import { mhdConfig, type MhdConfig } from './config.ts';
import { handle, type MhdContext } from './core.ts';
import { fail, type MhdResponse } from './outcomes.ts';

export const FHIR_BASE_PATH = '/fhir';
const FHIR_JSON = 'application/fhir+json; charset=utf-8';

export interface MhdPluginOptions {
  store: XdsStore;
  config?: MhdConfig;
  /** Whole request body cap, bytes (413 above it). */
  maxBodyBytes?: number;
  /** Software version shown in the CapabilityStatement. */
  version?: string;
}

export interface MhdServerOptions extends MhdPluginOptions {
  /** Serve HTTPS (simulators/tls tlsServerOptions). */
  tls?: import('node:tls').TlsOptions;
  /** Require bearer tokens (simulators/auth requireBearer with fhirAccess). */
  auth?: import('../auth/verify.ts').VerifierOptions;
  port?: number;
  host?: string;
  /** Close the store on stop (false when another simulator shares it). */
  closeStore?: boolean;
  onExchange?: (e: Exchange) => void;
}

export interface MhdSimulator extends Simulator {
  /** The FHIR base, `{url}/fhir`. */
  base: string;
  endpoints: Endpoint[];
}

/** The row's handler is the core itself: it names the exact transaction (a read, a search, …). */
type MhdHandler = typeof handle;

const ROWS: readonly TransactionRow<MhdHandler>[] = [
  { transaction: 'ITI-65', method: 'POST', path: '', handle },
  { transaction: 'ITI-66', path: '/List', handle },
  { transaction: 'ITI-66', method: 'POST', path: '/List/_search', print: false, handle },
  { transaction: 'ITI-67', path: '/DocumentReference', handle },
  { transaction: 'ITI-67', method: 'POST', path: '/DocumentReference/_search', print: false, handle },
  { transaction: 'ITI-68', path: '/Binary/:id', print: '/Binary', handle },
  { transaction: 'CapabilityStatement', path: '/metadata', handle },
  { transaction: 'FHIR read', path: '/DocumentReference/:id', print: false, handle },
  { transaction: 'FHIR read', path: '/List/:id', print: false, handle },
  { transaction: 'FHIR read', path: '/Patient/:id', print: false, handle },
];

export function mhdSimulator(opts: MhdPluginOptions): HttpSimulator<MhdHandler> {
  const cfg = opts.config ?? mhdConfig();
  const serve =
    (ctx: HttpContext, run: MhdHandler = handle) =>
    async (req: FastifyRequest, reply: FastifyReply) => {
      const started = Date.now();
      const url = new URL(req.url, 'http://x');
      const body = Buffer.isBuffer(req.body) ? req.body : undefined;
      const ex = ctx.begin(req, 'FHIR', { body: body ?? Buffer.alloc(0) });
      const mctx: MhdContext = { store: opts.store, cfg, base: ctx.base(), version: opts.version ?? '0.0.0', exchangeId: ex.id };
      const { transaction, response } = await run(
        {
          method: req.method,
          path: url.pathname.slice(FHIR_BASE_PATH.length),
          query: url.searchParams,
          headers: req.headers as Record<string, string | undefined>,
          ...(body ? { body } : {}),
        },
        mctx,
      );
      return ctx.answer(reply, ex, { ...answerOf(response), transaction }, started);
    };
  return defineSimulator<MhdHandler>({
    name: 'mhd',
    prefix: FHIR_BASE_PATH,
    rows: ROWS,
    bodyLimit: opts.maxBodyBytes ?? Math.ceil(cfg.maxBinaryBytes * 1.4) + 1024 * 1024,
    setup(app) {
      app.removeAllContentTypeParsers();
      app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
    },
    serve: (rows, ctx) => serve(ctx, rows[0]!.handle),
    // The core knows every FHIR answer (404 for an unknown type, 405 for a method): it gets them all.
    unmatched: (ctx) => serve(ctx),
    errorAnswer: (e) => {
      if (e.status === 404)
        return {
          ...answerOf(fail(404, { code: 'not-found', diagnostics: `nothing at ${e.method} ${e.url}; the FHIR base is ${FHIR_BASE_PATH}` })),
          transaction: 'HTTP',
        };
      const res = fail(e.status, {
        code: e.status === 413 ? 'too-long' : e.status === 500 ? 'exception' : 'invalid',
        diagnostics: e.message,
      });
      return { ...answerOf(res), transaction: e.method === 'POST' && /\/fhir\/?(\?|$)/.test(e.url) ? 'ITI-65' : 'FHIR' };
    },
  });
}

function answerOf(res: MhdResponse): Answer {
  if (res.bytes)
    return {
      status: res.status,
      contentType: res.contentType ?? 'application/octet-stream',
      body: res.bytes,
      ...(res.headers ? { headers: res.headers } : {}),
    };
  return {
    status: res.status,
    contentType: FHIR_JSON,
    body: JSON.stringify(res.resource ?? {}),
    ...(res.headers ? { headers: res.headers } : {}),
  };
}

/** The MHD simulator alone on its own port. */
export async function startMhd(opts: MhdServerOptions): Promise<MhdSimulator> {
  const plugin = mhdSimulator(opts);
  const sim = await startAlone(opts.auth ? requireBearer(plugin, { verifier: opts.auth, access: fhirAccess }) : plugin, {
    ...opts,
    closeStore: opts.closeStore !== false,
  });
  return { url: sim.url, base: sim.base, endpoints: sim.endpoints, exchanges: sim.exchanges, stop: sim.stop };
}
