// The WADO-RS image source simulator: a thin fastify adapter over core.ts. Retrieve bodies are
// streamed from disk one file at a time, so memory stays flat whatever the study size.
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import type { Exchange, Simulator } from '../../model/exchange.ts';
import { DICOM_JSON, type DicomWebError } from '../../protocols/dicomweb/index.ts';
import { multipartRelatedType, newBoundary, writeMultipart, type OutgoingPart } from '../../protocols/multipart/index.ts';
import { planRequest, type CoreOptions, type Plan, type Resource, type WadoRequest } from './core.ts';
import { toDicomJson } from './dicom-json.ts';
import type { Faults } from './faults.ts';
import { readHeader } from './header.ts';
import { indexFolder, type InstanceRecord, type WadoStore } from './store.ts';
import { guardBody } from './stream-faults.ts';

export const BASE_PATH = '/dicom-web';

export interface WadoRsOptions {
  /** Folder of Part 10 files, indexed once at start. */
  dataDir?: string;
  /** Or a ready store (tests). */
  store?: WadoStore;
  port?: number;
  qido?: boolean;
  metadata?: boolean;
  faults?: Faults;
}

export interface WadoRsSimulator extends Simulator {
  /** `{url}/dicom-web`: the DICOMweb base. */
  base: string;
  store: WadoStore;
  setFaults(f: Faults): void;
}

const TRANSACTION: Record<Resource, string> = {
  retrieve: 'RAD-107',
  metadata: 'WADO-RS metadata',
  'search-studies': 'QIDO-RS',
  'search-series': 'QIDO-RS',
  'search-instances': 'QIDO-RS',
};

export async function startWadoRs(opts: WadoRsOptions): Promise<WadoRsSimulator> {
  const store = opts.store ?? (await indexFolder(opts.dataDir ?? '.'));
  const core: CoreOptions = { qido: opts.qido ?? true, metadata: opts.metadata ?? true };
  let faults: Faults = { ...opts.faults };
  const exchanges: Exchange[] = [];
  let seq = 0;
  const app = Fastify({ logger: false, keepAliveTimeout: 5_000 });

  const handle = (resource: Resource) => async (req: FastifyRequest, reply: FastifyReply) => {
    const t0 = Date.now();
    const ex: Exchange = {
      id: `wado-${++seq}`,
      at: new Date(t0).toISOString(),
      transaction: TRANSACTION[resource],
      from: `${req.ip}`,
      to: 'wado-rs-simulator',
      request: { summary: `${req.method} ${req.url}`, headers: pickHeaders(req.headers), size: 0 },
    };
    exchanges.push(ex);
    let bytes = 0;
    reply.raw.on('close', () => {
      ex.durationMs = Date.now() - t0;
      ex.response = { summary: `HTTP ${reply.statusCode}`, headers: pickHeaders(reply.getHeaders()), size: bytes };
      if (!reply.raw.writableFinished) ex.error = `connection closed after ${bytes} body bytes`;
    });
    if (faults.latencyMs) await new Promise((r) => setTimeout(r, faults.latencyMs));
    if (faults.outage) return sendError(reply, { status: 503, message: 'service unavailable (simulated outage)', headers: { 'Retry-After': '5' } }, (n) => (bytes = n));
    const params = req.params as Record<string, string>;
    const wreq: WadoRequest = { resource, ...pick(params), query: req.query as Record<string, string> };
    const accept = req.headers.accept;
    if (accept !== undefined) wreq.accept = accept;
    const plan: Plan = planRequest(store, core, wreq);
    if (plan.kind === 'error') return sendError(reply, plan.error, (n) => (bytes = n));
    if (plan.kind === 'json') return sendJson(reply, plan.body, (n) => (bytes = n));
    if (plan.kind === 'metadata') {
      const body: Record<string, unknown>[] = [];
      for (const i of plan.instances) body.push(toDicomJson(await readHeader(i.path)));
      return sendJson(reply, body, (n) => (bytes = n));
    }
    const boundary = newBoundary();
    const parts = async function* (): AsyncGenerator<OutgoingPart> {
      // One file read ahead while the current one is sent: disk and socket overlap.
      let next = prefetch(plan.instances[0]);
      for (let k = 0; k < plan.instances.length; k++) {
        const inst = plan.instances[k]!;
        const current = next;
        next = prefetch(plan.instances[k + 1]);
        const bytes = current ? await current : undefined;
        yield {
          headers: { 'Content-Type': `application/dicom; transfer-syntax=${inst.transferSyntax}`, 'Content-Length': String(bytes?.length ?? inst.size) },
          body: bytes ?? (() => createReadStream(inst.path, { highWaterMark: 1024 * 1024 })),
        };
      }
    };
    const body = guardBody(writeMultipart(parts(), boundary), faults, (n) => (bytes = n), () => req.raw.socket.destroy());
    reply.code(200).header('Content-Type', multipartRelatedType(boundary, 'application/dicom'));
    return reply.send(Readable.from(body, { objectMode: false, highWaterMark: 1024 * 1024 }));
  };

  app.get(`${BASE_PATH}/studies`, handle('search-studies'));
  app.get(`${BASE_PATH}/studies/:study`, handle('retrieve'));
  app.get(`${BASE_PATH}/studies/:study/metadata`, handle('metadata'));
  app.get(`${BASE_PATH}/studies/:study/series`, handle('search-series'));
  app.get(`${BASE_PATH}/studies/:study/instances`, handle('search-instances'));
  app.get(`${BASE_PATH}/studies/:study/series/:series`, handle('retrieve'));
  app.get(`${BASE_PATH}/studies/:study/series/:series/metadata`, handle('metadata'));
  app.get(`${BASE_PATH}/studies/:study/series/:series/instances`, handle('search-instances'));
  app.get(`${BASE_PATH}/studies/:study/series/:series/instances/:instance`, handle('retrieve'));
  app.get(`${BASE_PATH}/studies/:study/series/:series/instances/:instance/metadata`, handle('metadata'));
  app.setNotFoundHandler((req, reply) => {
    exchanges.push({ id: `wado-${++seq}`, at: new Date().toISOString(), transaction: 'HTTP', from: req.ip, to: 'wado-rs-simulator', request: { summary: `${req.method} ${req.url}`, size: 0 }, response: { summary: 'HTTP 404', size: 0 } });
    return sendError(reply, { status: 404, message: 'no such resource (bulk data, frames and rendered are not offered)' }, () => undefined);
  });
  app.setErrorHandler((err, _req, reply) => sendError(reply, { status: 500, message: `internal error: ${(err as Error).message}` }, () => undefined));

  const address = await app.listen({ host: '127.0.0.1', port: opts.port ?? 0 });
  let stopped: Promise<void> | undefined;
  return {
    url: address,
    base: `${address}${BASE_PATH}`,
    store,
    exchanges: () => [...exchanges],
    setFaults: (f) => {
      faults = { ...f };
    },
    stop: () => (stopped ??= app.close().then(() => undefined)),
  };
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

function sendError(reply: FastifyReply, e: DicomWebError, size: (n: number) => void): FastifyReply {
  const body = `${e.status} ${e.message}\n`;
  size(Buffer.byteLength(body));
  reply.code(e.status).header('Content-Type', 'text/plain; charset=utf-8');
  for (const [k, v] of Object.entries(e.headers ?? {})) reply.header(k, v);
  return reply.send(body);
}

function sendJson(reply: FastifyReply, body: unknown, size: (n: number) => void): FastifyReply {
  const text = JSON.stringify(body);
  size(Buffer.byteLength(text));
  return reply.code(200).header('Content-Type', DICOM_JSON).send(text);
}

/** Evidence keeps headers, never authorization values. */
function pickHeaders(h: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) {
    if (v === undefined) continue;
    out[k] = k.toLowerCase() === 'authorization' ? '(redacted)' : Array.isArray(v) ? v.join(', ') : String(v);
  }
  return out;
}
