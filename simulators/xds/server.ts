// The XDS registry + repository as a kit simulator: its table is the core's XDS_TABLE (SOAP
// action -> transaction, handler); this adapter reads SOAP or MTOM bodies as guarded streams,
// writes SOAP or MTOM replies and answers every failure with a SOAP fault or a RegistryResponse
// error, never a crash. Recording, routing, one-port mounting are the kit's.
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Exchange } from '../../model/exchange.ts';
import { DEFAULT_LIMITS as DEFAULT_MTOM_LIMITS, MtomError, writeMtom, type MtomLimits } from '../../protocols/mtom/index.ts';
import {
  faultHttpStatus,
  readEnvelope,
  SoapFaultError,
  soapContentType,
  writeEnvelope,
  writeFault,
  type Addressing,
  type SoapFault,
} from '../../protocols/soap/index.ts';
import {
  defineSimulator,
  logInternal,
  type Endpoint as PrintedEndpoint,
  type HttpContext,
  type HttpSimulator,
  type TransactionRow,
} from '../kit/http.ts';
import { startAlone } from '../kit/start.ts';
import type { XdsStore } from '../store/types.ts';
import { BodyError } from './body.ts';
import { readSoapBody, UnsupportedMediaType } from './read-request.ts';
import type { XdsConfig } from './config.ts';
import { answerProvide, handleXds, transactionOf, XDS_TABLE, type Endpoint, type XdsHandler, type XdsReply, type XdsRow } from './core.ts';
import { prepareOffLoop } from './submission-off-loop.ts';

export interface XdsPluginOptions {
  store: XdsStore;
  config: XdsConfig;
  /** Whole request body cap (SOAP or MTOM), bytes. */
  maxBodyBytes?: number;
  mtomLimits?: Partial<MtomLimits>;
  /** A body must arrive within this time (slow senders are cut off). */
  bodyDeadlineMs?: number;
  /** Another table (tests, or a variant actor); default XDS_TABLE. */
  table?: readonly XdsRow[];
}

export interface XdsServerOptions extends XdsPluginOptions {
  /** Serve HTTPS (simulators/tls tlsServerOptions). */
  tls?: import('node:tls').TlsOptions;
  port?: number;
  host?: string;
  /** Called for each exchange as it completes (the CLI logs them). */
  onExchange?: (e: Exchange) => void;
}

export const XDS_PREFIX = '/xds';
export const XDS_PATHS: Record<Endpoint, string> = { registry: '/xds/registry', repository: '/xds/repository' };
const SOAP_CT = 'application/soap+xml; charset=UTF-8';

export interface XdsSimulator {
  url: string;
  endpoints: PrintedEndpoint[];
  exchanges(): Exchange[];
  stop(): Promise<void>;
}

export function xdsSimulator(opts: XdsPluginOptions): HttpSimulator<XdsHandler> {
  const maxBody = opts.maxBodyBytes ?? 512 * 1024 * 1024;
  const deadline = opts.bodyDeadlineMs ?? 60_000;
  const table = opts.table ?? XDS_TABLE;
  const fault = (status: number, f: SoapFault, relatesTo?: string) => ({ status, contentType: SOAP_CT, body: writeFault(f, relatesTo) });

  const serve = (rows: readonly TransactionRow<XdsHandler>[], ctx: HttpContext) => {
    const endpoint = rows[0]!.path.slice(1) as Endpoint;
    return async (req: FastifyRequest, reply: FastifyReply) => {
      const started = Date.now();
      const ct = req.headers['content-type'] ?? '';
      // Size and hash come from the body reader's tap once the body is read.
      const ex = ctx.begin(req, transactionOf(undefined), { size: 0 });
      let addressing: Addressing | undefined;
      try {
        const declared = Number(req.headers['content-length'] ?? '0');
        if (declared > maxBody) throw new BodyError(`request body of ${declared} bytes is over the ${maxBody}-byte limit`, 'too-large');
        const { xml, parts } = await readSoapBody(
          req.body as Readable | undefined,
          ct,
          { maxBody, deadlineMs: deadline, mtom: { maxParts: maxParts(opts.config), ...opts.mtomLimits } },
          (tap) => {
            ex.request.size = tap.size;
            ex.request.sha256 = tap.sha256();
          },
        );
        // Evidence keeps the SOAP root; MTOM documents are in the store by hash.
        const text = typeof xml === 'string' ? xml : xml.toString('utf8');
        if (Buffer.byteLength(text) <= ctx.recorder.inlineLimit) ex.request.body = text;
        // Big submissions are read and checked on a worker (submission-off-loop.ts); the rest here.
        const off = endpoint === 'repository' && !opts.table ? await prepareOffLoop(xml, parts, ex.id, opts.config) : undefined;
        let out: XdsReply;
        if (off) {
          addressing = off.addressing;
          if (addressing) ex.transaction = transactionOf(addressing.action);
          if (off.kind === 'fault') throw new SoapFaultError(off.fault);
          out = off.kind === 'refused' ? off.reply : await answerProvide(off.prepared, opts.store);
        } else {
          const envelope = readEnvelope(xml);
          addressing = envelope.addressing;
          ex.transaction = transactionOf(addressing.action);
          out = await handleXds({ endpoint, envelope, parts, exchangeId: ex.id }, opts.store, opts.config, table);
        }
        ex.transaction = out.transaction;
        const relatesTo = addressing?.messageId;
        const soap = writeEnvelope(out.bodyXml, {
          action: out.action,
          messageId: `urn:uuid:${randomUUID()}`,
          ...(relatesTo ? { relatesTo } : {}),
        });
        if (out.attachments.length > 0) {
          const m = writeMtom(soap, out.attachments);
          ex.response = ctx.response(200, {
            contentType: m.contentType,
            body: soap,
            text: soap,
            headers: { 'content-type': m.contentType },
          });
          record(ctx, ex, started);
          return reply.code(200).header('content-type', m.contentType).send(m.stream);
        }
        return ctx.answer(reply, ex, { status: 200, contentType: soapContentType(out.action), body: soap }, started);
      } catch (err) {
        const f = toFault(err);
        if (f.code === 'Receiver' && f.reason.startsWith('internal error')) logInternal('xds', req, err as Error);
        const status =
          err instanceof UnsupportedMediaType ? 415 : err instanceof BodyError && err.kind === 'too-large' ? 413 : faultHttpStatus(f);
        // The unread rest of the body would stall a kept-alive connection.
        if (!req.raw.readableEnded) reply.header('connection', 'close');
        return ctx.answer(reply, ex, fault(status, f, addressing?.messageId), started, f.reason);
      }
    };
  };

  return defineSimulator<XdsHandler>({
    name: 'xds',
    prefix: XDS_PREFIX,
    rows: table,
    setup(app) {
      app.removeAllContentTypeParsers();
      // Every media type arrives as the raw stream; the route decides (415 is a SOAP fault too).
      app.addContentTypeParser('*', (_req, payload, done) => done(null, payload));
    },
    serve,
    errorAnswer: (e) =>
      e.status === 404 || e.status === 405
        ? fault(404, {
            code: 'Sender',
            reason: `no SOAP endpoint at ${e.method} ${e.url}; use POST ${XDS_PATHS.registry} or ${XDS_PATHS.repository}`,
          })
        : fault(e.status, { code: e.status >= 500 ? 'Receiver' : 'Sender', reason: e.message }),
  });
}

/**
 * MTOM parts a request may have: a document per part, as many as the submission may have
 * DocumentEntries, plus the SOAP root; never fewer than the reader's default, so a submission
 * just over --max-entries is read and gets its RegistryResponse naming the limit.
 */
function maxParts(cfg: XdsConfig): number {
  return Math.max(DEFAULT_MTOM_LIMITS.maxParts, cfg.maxEntries + 1);
}

function record(ctx: HttpContext, ex: Exchange, started: number): void {
  ex.durationMs = Date.now() - started;
  ctx.recorder.record(ex);
}

/** The XDS simulator alone on its own port; its store is closed on stop. */
export async function startXds(opts: XdsServerOptions): Promise<XdsSimulator> {
  const sim = await startAlone(xdsSimulator(opts), { ...opts, closeStore: true });
  return { url: sim.url, endpoints: sim.endpoints, exchanges: sim.exchanges, stop: sim.stop };
}

function toFault(err: unknown): SoapFault {
  if (err instanceof SoapFaultError) return err.fault;
  if (err instanceof MtomError) return { code: 'Sender', reason: `MTOM: ${err.message}` };
  if (err instanceof BodyError) return { code: 'Sender', reason: err.message };
  return { code: 'Receiver', reason: `internal error: ${err instanceof Error ? err.message : String(err)}` };
}
