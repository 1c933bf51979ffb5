// The WADO-RS image source simulator: a thin fastify adapter over core.ts. Retrieve bodies are
// streamed from disk one file at a time, so memory stays flat whatever the study size.
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { BodyParts } from '../../model/body-parts.ts';
import type { Exchange, Simulator } from '../../model/exchange.ts';
import { DICOM_JSON, type DicomWebError } from '../../protocols/dicomweb/index.ts';
import { multipartRelatedType, newBoundary, writeMultipart, type OutgoingPart } from '../../protocols/multipart/index.ts';
import { defineSimulator, type Endpoint, type HttpContext, type HttpSimulator, type TransactionRow } from '../kit/http.ts';
import { BodyTap, type ExchangeSink } from '../kit/recorder.ts';
import { startAlone } from '../kit/start.ts';
import { dicomWebAccess, requireBearer } from '../auth/guard.ts';
import { planRequest, type CoreOptions, type Plan, type Resource, type WadoRequest } from './core.ts';
import { toDicomJson } from './dicom-json.ts';
import type { Faults } from './faults.ts';
import { readHeader } from './header.ts';
import { indexFolder, type InstanceRecord, type WadoStore } from './store.ts';
import { layoutParts, sendParts } from './send-study.ts';
import { guardBody } from './stream-faults.ts';

export const BASE_PATH = '/dicom-web';

export interface WadoRsPluginOptions {
  store: WadoStore;
  qido?: boolean;
  metadata?: boolean;
  faults?: Faults;
}

export interface WadoRsOptions extends Omit<WadoRsPluginOptions, 'store'> {
  /** Serve HTTPS (simulators/tls tlsServerOptions). */
  tls?: import('node:tls').TlsOptions;
  /** Require bearer tokens (simulators/auth requireBearer with dicomWebAccess). */
  auth?: import('../auth/verify.ts').VerifierOptions;
  /** Folder of Part 10 files, indexed once at start. */
  dataDir?: string;
  /** Or a ready store (tests). */
  store?: WadoStore;
  port?: number;
  /** Where the evidence persists (the simulator store); in memory only without it. */
  evidence?: ExchangeSink;
  onExchange?: (e: Exchange) => void;
}

export interface WadoRsSimulator extends Simulator {
  /** `{url}/dicom-web`: the DICOMweb base. */
  base: string;
  store: WadoStore;
  /** From the table: RAD-107 at the base, QIDO-RS at /studies. */
  endpoints: Endpoint[];
  setFaults(f: Faults): void;
}

/** The table: route -> transaction; the handler is the resource the core plans for. */
const ROWS: readonly TransactionRow<Resource>[] = [
  { transaction: 'RAD-107', path: '/studies/:study', print: '', handle: 'retrieve' },
  { transaction: 'QIDO-RS', path: '/studies', handle: 'search-studies' },
  { transaction: 'WADO-RS metadata', path: '/studies/:study/metadata', print: false, handle: 'metadata' },
  { transaction: 'QIDO-RS', path: '/studies/:study/series', print: false, handle: 'search-series' },
  { transaction: 'QIDO-RS', path: '/studies/:study/instances', print: false, handle: 'search-instances' },
  { transaction: 'RAD-107', path: '/studies/:study/series/:series', print: false, handle: 'retrieve' },
  { transaction: 'WADO-RS metadata', path: '/studies/:study/series/:series/metadata', print: false, handle: 'metadata' },
  { transaction: 'QIDO-RS', path: '/studies/:study/series/:series/instances', print: false, handle: 'search-instances' },
  { transaction: 'RAD-107', path: '/studies/:study/series/:series/instances/:instance', print: false, handle: 'retrieve' },
  {
    transaction: 'WADO-RS metadata',
    path: '/studies/:study/series/:series/instances/:instance/metadata',
    print: false,
    handle: 'metadata',
  },
];

export type WadoRsPlugin = HttpSimulator<Resource> & { store: WadoStore; setFaults(f: Faults): void };

export function wadoRsSimulator(opts: WadoRsPluginOptions): WadoRsPlugin {
  const store = opts.store;
  const core: CoreOptions = { qido: opts.qido ?? true, metadata: opts.metadata ?? true };
  let faults: Faults = { ...opts.faults };
  // Retrieves still to answer 503 (faults.busyFirst), counted down across requests.
  let busyLeft = faults.busyFirst ?? 0;

  const handle = (row: TransactionRow<Resource>, ctx: HttpContext) => async (req: FastifyRequest, reply: FastifyReply) => {
    const resource = row.handle;
    const t0 = Date.now();
    // The request line stays as the SUT sent it (no HTTP version): plans read it as such.
    const ex = ctx.begin(req, row.transaction, { summary: `${req.method} ${req.url}` });
    // Small answers are kept as evidence (error texts included); retrieves by size and hash.
    let sent: { text?: string; tap?: BodyTap; error?: string; size?: number; parts?: BodyParts } = {};
    reply.raw.on('close', () => {
      ex.durationMs = Date.now() - t0;
      const headers = reply.getHeaders() as Record<string, string | number | string[] | undefined>;
      const contentType = headers['content-type'] === undefined ? undefined : String(headers['content-type']);
      ex.response = ctx.response(reply.statusCode, {
        headers,
        ...(contentType ? { contentType } : {}),
        ...(sent.text !== undefined
          ? { body: sent.text }
          : sent.tap
            ? { size: sent.tap.size, sha256: sent.tap.sha256() }
            : { size: sent.size ?? 0, ...(sent.parts && reply.raw.writableFinished ? { parts: sent.parts } : {}) }),
      });
      const bodyBytes = sent.tap?.size ?? sent.size ?? 0;
      if (sent.error !== undefined) ex.error = `${sent.error} (after ${bodyBytes} body bytes)`;
      else if (!reply.raw.writableFinished)
        ex.error = `connection closed after ${sent.text === undefined ? bodyBytes : Buffer.byteLength(sent.text)} body bytes`;
      ctx.recorder.record(ex);
    });
    const text = (t: string) => (sent = { text: t });
    if (faults.latencyMs) await new Promise((r) => setTimeout(r, faults.latencyMs));
    if (faults.outage)
      return sendError(reply, { status: 503, message: 'service unavailable (simulated outage)', headers: { 'Retry-After': '5' } }, text);
    const params = req.params as Record<string, string>;
    const wreq: WadoRequest = { resource, ...pick(params), query: req.query as Record<string, string | string[]> };
    const accept = req.headers.accept;
    if (accept !== undefined) wreq.accept = accept;
    const plan: Plan = planRequest(store, core, wreq);
    if (plan.kind === 'error') return sendError(reply, plan.error, text);
    if (plan.kind !== 'json' && plan.kind !== 'metadata' && busyLeft > 0) {
      busyLeft--;
      return sendError(
        reply,
        { status: 503, message: 'busy (simulated): retry later', headers: { 'Retry-After': String(faults.busySeconds ?? 1) } },
        text,
      );
    }
    if (plan.kind === 'json') return sendJson(reply, plan.body, text);
    if (plan.kind === 'metadata') {
      const body: Record<string, unknown>[] = [];
      for (const i of plan.instances) body.push(toDicomJson(await readHeader(i.path)));
      return sendJson(reply, body, text);
    }
    const boundary = newBoundary();
    if (faults.truncateAfterBytes === undefined && faults.dropAfterBytes === undefined && !faults.partDelayMs) {
      // The hot path: every part header known up front, Content-Length set, files written
      // straight to the socket (send-study.ts). The evidence is the part list (model/body-parts.ts):
      // boundary and each file's hash, computed once per file version, not every byte per request.
      const layout = layoutParts(plan.instances, boundary);
      reply
        .code(200)
        .header('Content-Type', multipartRelatedType(boundary, 'application/dicom'))
        .header('Content-Length', String(layout.length));
      reply.hijack();
      reply.raw.writeHead(200, reply.getHeaders() as Record<string, string>);
      const progress: typeof sent & { size: number } = { size: 0 };
      sent = progress;
      const r = await sendParts(reply.raw, plan.instances, layout, {
        onCut: (e) => (progress.error = e),
        onSent: (n) => (progress.size += n),
      });
      // Only a body that went out whole is described by its parts (the close handler also checks it
      // was flushed); a cut one by its size and error.
      if (r.parts) progress.parts = { boundary, parts: r.parts };
      return reply;
    }
    // Byte faults (truncate, drop) cut the body at a byte count, a part delay paces it: the generator path applies them.
    const parts = async function* (): AsyncGenerator<OutgoingPart> {
      // One file read ahead while the current one is sent: disk and socket overlap.
      let next = prefetch(plan.instances[0]);
      for (let k = 0; k < plan.instances.length; k++) {
        if (faults.partDelayMs && k > 0) await new Promise((r) => setTimeout(r, faults.partDelayMs));
        const inst = plan.instances[k]!;
        const current = next;
        next = prefetch(plan.instances[k + 1]);
        const bytes = current ? await current : undefined;
        yield {
          headers: {
            'Content-Type': `application/dicom; transfer-syntax=${inst.transferSyntax}`,
            'Content-Length': String(bytes?.length ?? inst.size),
          },
          body: bytes ?? (() => createReadStream(inst.path, { highWaterMark: 1024 * 1024 })),
        };
      }
    };
    const tap = new BodyTap();
    sent = { tap };
    const body = tapped(
      guardBody(
        writeMultipart(parts(), boundary),
        faults,
        () => undefined,
        () => req.raw.socket.destroy(),
      ),
      tap,
    );
    reply.code(200).header('Content-Type', multipartRelatedType(boundary, 'application/dicom'));
    return reply.send(Readable.from(body, { objectMode: false, highWaterMark: 1024 * 1024 }));
  };

  return {
    ...defineSimulator<Resource>({
      name: 'wado-rs',
      prefix: BASE_PATH,
      rows: ROWS,
      serve: (rows, ctx) => handle(rows[0]!, ctx),
      setup(app) {
        // No resource here takes a body: any media type reaches the route (a POST gets its 405,
        // not a 415 from a parser that would never run), the body is left unread.
        app.removeAllContentTypeParsers();
        app.addContentTypeParser('*', (_req, payload, done) => done(null, payload));
      },
      // PS3.18 8.7.1: a method a resource does not support is 405 with Allow (STOW, DELETE, …).
      methodNotAllowed: true,
      errorAnswer: (e) =>
        errorAnswer(
          e.status === 404
            ? { status: 404, message: 'no such resource (bulk data, frames and rendered are not offered)' }
            : e.status === 414
              ? { status: 414, message: `request URI too long (a UID has at most 64 characters, PS3.5 9.1): ${e.url.slice(0, 120)}` }
              : { status: e.status, message: e.message, ...(e.allow ? { headers: { Allow: e.allow.join(', ') } } : {}) },
        ),
    }),
    store,
    setFaults: (f) => {
      faults = { ...f };
      busyLeft = faults.busyFirst ?? 0;
    },
  };
}

/** The WADO-RS simulator alone on its own port. */
export async function startWadoRs(opts: WadoRsOptions): Promise<WadoRsSimulator> {
  const store = opts.store ?? (await indexFolder(opts.dataDir ?? '.'));
  const plugin = wadoRsSimulator({ ...opts, store });
  const served = opts.auth
    ? requireBearer(plugin, { verifier: opts.auth, access: (req) => dicomWebAccess(req, (s) => store.studies.has(s)) })
    : plugin;
  const sim = await startAlone(served, {
    ...(opts.port === undefined ? {} : { port: opts.port }),
    ...(opts.evidence ? { store: opts.evidence } : {}),
    ...(opts.onExchange ? { onExchange: opts.onExchange } : {}),
    ...(opts.tls ? { tls: opts.tls } : {}),
  });
  return {
    url: sim.url,
    base: sim.base,
    store,
    endpoints: sim.endpoints,
    exchanges: sim.exchanges,
    setFaults: plugin.setFaults,
    stop: sim.stop,
  };
}

/** Counts and hashes what actually went out (truncation faults included). */
async function* tapped(source: AsyncIterable<Buffer>, tap: BodyTap): AsyncGenerator<Buffer> {
  for await (const chunk of source) {
    tap.update(chunk);
    yield chunk;
  }
}

/** Files up to 16 MiB are read whole, ahead of their turn; bigger ones stream in 1 MiB chunks. */
const PREFETCH_MAX = 16 * 1024 * 1024;
function prefetch(inst: InstanceRecord | undefined): Promise<Buffer> | undefined {
  if (!inst || inst.size > PREFETCH_MAX) return undefined;
  const p = readFile(inst.path);
  p.catch(() => undefined); // awaited when its turn comes; a client gone early must not leave it unhandled
  return p;
}

function pick(params: Record<string, string>): Pick<WadoRequest, 'study' | 'series' | 'instance'> {
  const out: Pick<WadoRequest, 'study' | 'series' | 'instance'> = {};
  if (params.study !== undefined) out.study = params.study;
  if (params.series !== undefined) out.series = params.series;
  if (params.instance !== undefined) out.instance = params.instance;
  return out;
}

const errorAnswer = (e: DicomWebError) => ({
  status: e.status,
  contentType: 'text/plain; charset=utf-8',
  body: `${e.status} ${e.message}\n`,
  ...(e.headers ? { headers: e.headers } : {}),
});

function sendError(reply: FastifyReply, e: DicomWebError, sent: (text: string) => void): FastifyReply {
  const a = errorAnswer(e);
  sent(a.body);
  reply.code(a.status).header('Content-Type', a.contentType);
  for (const [k, v] of Object.entries(a.headers ?? {})) reply.header(k, v);
  return reply.send(a.body);
}

function sendJson(reply: FastifyReply, body: unknown, sent: (text: string) => void): FastifyReply {
  const text = JSON.stringify(body);
  sent(text);
  return reply.code(200).header('Content-Type', DICOM_JSON).send(text);
}
