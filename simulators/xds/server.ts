// fastify adapter of the XDS registry + repository: reads SOAP or MTOM bodies as guarded
// streams, calls the core, writes SOAP or MTOM replies, records every exchange (rejected
// ones too). Every failure becomes a SOAP fault or a RegistryResponse error, never a crash.
import { createHash, randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import type { Exchange, Payload, Simulator } from '../../model/exchange.ts';
import { MtomError, writeMtom, type MtomLimits } from '../../protocols/mtom/index.ts';
import { faultHttpStatus, readEnvelope, SoapFaultError, soapContentType, writeEnvelope, writeFault, type Envelope, type SoapFault } from '../../protocols/soap/index.ts';
import type { XdsStore } from '../store/types.ts';
import { BodyError } from './body.ts';
import { readSoapBody, UnsupportedMediaType } from './read-request.ts';
import type { XdsConfig } from './config.ts';
import { handleXds, transactionOf, type Endpoint } from './core.ts';

export interface XdsServerOptions {
  port?: number;
  host?: string;
  store: XdsStore;
  config: XdsConfig;
  /** Whole request body cap (SOAP or MTOM), bytes. */
  maxBodyBytes?: number;
  mtomLimits?: Partial<MtomLimits>;
  /** A body must arrive within this time (slow senders are cut off). */
  bodyDeadlineMs?: number;
  /** Called for each exchange as it completes (the CLI logs them). */
  onExchange?: (e: Exchange) => void;
}

export const XDS_PATHS: Record<Endpoint, string> = { registry: '/xds/registry', repository: '/xds/repository' };
const INLINE_LIMIT = 64 * 1024;

export interface XdsSimulator extends Simulator {
  endpoints: { transaction: string; url: string }[];
}

export async function startXds(opts: XdsServerOptions): Promise<XdsSimulator> {
  const maxBody = opts.maxBodyBytes ?? 512 * 1024 * 1024;
  const deadline = opts.bodyDeadlineMs ?? 60_000;
  const exchanges: Exchange[] = [];
  const app = Fastify({ logger: false, bodyLimit: maxBody, forceCloseConnections: true });
  app.removeAllContentTypeParsers();
  // Every media type arrives as the raw stream; the route decides (415 is a SOAP fault too).
  app.addContentTypeParser('*', (_req, payload, done) => done(null, payload));
  let base = '';
  const evidence = evidenceWriter(opts.store);

  for (const endpoint of ['registry', 'repository'] as const) {
    app.post(XDS_PATHS[endpoint], async (req, reply) => {
      const ex: Exchange = {
        id: randomUUID(),
        at: new Date().toISOString(),
        transaction: transactionOf(undefined),
        from: `${req.ip}:${req.socket.remotePort ?? ''}`,
        to: `${base}${XDS_PATHS[endpoint]}`,
        request: { summary: `POST ${req.url} HTTP/${req.raw.httpVersion}`, headers: headersOf(req), size: 0 },
      };
      const started = Date.now();
      const ct = req.headers['content-type'] ?? '';
      if (ct) ex.request.contentType = ct;
      let envelope: Envelope | undefined;
      try {
        const declared = Number(req.headers['content-length'] ?? '0');
        if (declared > maxBody) throw new BodyError(`request body of ${declared} bytes is over the ${maxBody}-byte limit`, 'too-large');
        const { xml, parts } = await readSoapBody(req.body as Readable | undefined, ct, { maxBody, deadlineMs: deadline, ...(opts.mtomLimits ? { mtom: opts.mtomLimits } : {}) }, (tap) => {
          ex.request.size = tap.size;
          ex.request.sha256 = tap.sha256();
        });
        const text = typeof xml === 'string' ? xml : xml.toString('utf8');
        if (text.length <= INLINE_LIMIT) ex.request.body = text;
        envelope = readEnvelope(xml);
        ex.transaction = transactionOf(envelope.addressing.action);
        const out = await handleXds({ endpoint, envelope, parts, exchangeId: ex.id }, opts.store, opts.config);
        ex.transaction = out.transaction;
        const relatesTo = envelope.addressing.messageId;
        const soap = writeEnvelope(out.bodyXml, { action: out.action, messageId: `urn:uuid:${randomUUID()}`, ...(relatesTo ? { relatesTo } : {}) });
        if (out.attachments.length > 0) {
          const m = writeMtom(soap, out.attachments);
          // Evidence keeps the SOAP root; the documents are already in the store by hash.
          ex.response = textPayload('HTTP 200', m.contentType, soap);
          return send(reply.code(200).header('content-type', m.contentType), m.stream);
        }
        ex.response = textPayload('HTTP 200', soapContentType(out.action), soap);
        return send(reply.code(200).header('content-type', soapContentType(out.action)), soap);
      } catch (err) {
        const fault = toFault(err);
        ex.error = fault.reason;
        const xml = writeFault(fault, envelope?.addressing.messageId);
        const status = err instanceof UnsupportedMediaType ? 415 : err instanceof BodyError && err.kind === 'too-large' ? 413 : faultHttpStatus(fault);
        ex.response = textPayload(`HTTP ${status}`, 'application/soap+xml; charset=UTF-8', xml);
        // The unread rest of the body would stall a kept-alive connection.
        if (!req.raw.readableEnded) reply.header('connection', 'close');
        return send(reply.code(status).header('content-type', 'application/soap+xml; charset=UTF-8'), xml);
      } finally {
        ex.durationMs = Date.now() - started;
        exchanges.push(ex);
        evidence.add(ex);
        opts.onExchange?.(ex);
      }
    });
  }
  // Anything else gets a fault too, so a misrouted SUT sees what went wrong.
  app.setNotFoundHandler((req, reply) => {
    const xml = writeFault({ code: 'Sender', reason: `no SOAP endpoint at ${req.method} ${req.url}; use POST ${XDS_PATHS.registry} or ${XDS_PATHS.repository}` });
    return reply.code(404).header('content-type', 'application/soap+xml; charset=UTF-8').send(xml);
  });
  app.setErrorHandler((err, _req, reply) => {
    const xml = writeFault({ code: 'Receiver', reason: `internal error: ${err instanceof Error ? err.message : String(err)}` });
    return reply.code(500).header('content-type', 'application/soap+xml; charset=UTF-8').send(xml);
  });

  await app.listen({ port: opts.port ?? 0, host: opts.host ?? '127.0.0.1' });
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  base = `http://${opts.host ?? '127.0.0.1'}:${port}`;
  let stopped: Promise<void> | undefined;
  return {
    url: base,
    endpoints: [
      { transaction: 'ITI-18', url: `${base}${XDS_PATHS.registry}` },
      { transaction: 'ITI-42', url: `${base}${XDS_PATHS.registry}` },
      { transaction: 'ITI-41', url: `${base}${XDS_PATHS.repository}` },
      { transaction: 'RAD-68', url: `${base}${XDS_PATHS.repository}` },
      { transaction: 'ITI-43', url: `${base}${XDS_PATHS.repository}` },
      { transaction: 'RAD-69', url: `${base}${XDS_PATHS.repository}` },
    ],
    exchanges: () => [...exchanges],
    stop() {
      stopped ??= app.close().then(() => evidence.flush()).then(() => opts.store.close());
      return stopped;
    },
  };
}

/**
 * Exchanges go to the store in batches, one transaction per turn of the event loop, so
 * evidence costs the submissions little; a failed write must not cost the SUT its answer.
 */
function evidenceWriter(store: XdsStore): { add(e: Exchange): void; flush(): Promise<void> } {
  let queue: Exchange[] = [];
  let pending: Promise<void> = Promise.resolve();
  const flush = () => {
    const batch = queue;
    queue = [];
    pending = pending.then(() => store.recordExchanges(batch)).catch(() => undefined);
    return pending;
  };
  return {
    add(e) {
      queue.push(e);
      if (queue.length === 1) setImmediate(flush);
    },
    flush,
  };
}

function send(reply: FastifyReply, body: string | Readable): FastifyReply {
  return reply.send(body);
}

function toFault(err: unknown): SoapFault {
  if (err instanceof SoapFaultError) return err.fault;
  if (err instanceof MtomError) return { code: 'Sender', reason: `MTOM: ${err.message}` };
  if (err instanceof BodyError) return { code: 'Sender', reason: err.message };
  return { code: 'Receiver', reason: `internal error: ${err instanceof Error ? err.message : String(err)}` };
}

function headersOf(req: FastifyRequest): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) {
    if (k === 'authorization' || k === 'cookie') continue;
    if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}

function textPayload(summary: string, contentType: string, text: string): Payload {
  const bytes = Buffer.from(text, 'utf8');
  const p: Payload = { summary, contentType, size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
  if (bytes.length <= INLINE_LIMIT) p.body = text;
  return p;
}
