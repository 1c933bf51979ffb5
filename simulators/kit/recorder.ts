// The one evidence policy of every simulator and client: how a message becomes a Payload (size,
// sha256 of the bytes on the wire, bounded inline body, structured method/url/status, headers
// with credentials redacted) and where finished exchanges go (memory, listeners, the store).
// Decided here once so the evidence of two actors can be compared field by field.
import { createHash, randomUUID, type Hash } from 'node:crypto';
import type { Exchange, Payload } from '../../model/exchange.ts';

/** Bodies up to this size are kept inline; larger ones by size and hash only. */
export const INLINE_LIMIT = 64 * 1024;
export const REDACTED = '(redacted)';
/** Credentials never reach the evidence: the header name stays (its presence is a fact), the value does not. */
const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie']);
/** Bodies of these types are bytes, not text: kept by hash only whatever their size. */
const BINARY = /^application\/dicom\s*(;|$)|octet-stream|^image\/|^video\/|^multipart\/related.*application\/dicom\b/i;

type HeaderValue = string | number | readonly string[] | undefined;

/** Lower-case names, multi-values joined with ', ', credentials replaced by `(redacted)`. */
export function redactHeaders(headers: Record<string, HeaderValue> | Headers | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!headers) return out;
  const entries: Iterable<[string, HeaderValue]> = headers instanceof Headers ? headers.entries() : Object.entries(headers);
  for (const [name, v] of entries) {
    if (v === undefined) continue;
    const k = name.toLowerCase();
    out[k] = SECRET_HEADERS.has(k) ? REDACTED : Array.isArray(v) ? v.join(', ') : String(v);
  }
  return out;
}

/** The message as known at the call site; `size`/`sha256` only when measured while streaming. */
export interface PayloadInput
  extends Partial<Pick<Payload, 'summary' | 'method' | 'url' | 'status' | 'contentType' | 'size' | 'sha256' | 'parts'>> {
  headers?: Record<string, HeaderValue> | Headers;
  /** The bytes on the wire: sized and hashed; kept inline when small and textual. */
  body?: Buffer | string;
  /** What the evidence keeps inline instead of `body` (e.g. the SOAP root of an MTOM message). */
  text?: string;
  /** How bytes become inline text: 'latin1' for HL7 v2 (byte-exact), 'utf8' otherwise. */
  encoding?: BufferEncoding;
}

export function payloadOf(p: PayloadInput, inlineLimit = INLINE_LIMIT): Payload {
  const bytes = p.body === undefined ? undefined : Buffer.isBuffer(p.body) ? p.body : Buffer.from(p.body, 'utf8');
  const out: Payload = { size: p.size ?? bytes?.length ?? 0 };
  if (p.summary !== undefined) out.summary = p.summary;
  if (p.method !== undefined) out.method = p.method;
  if (p.url !== undefined) out.url = p.url;
  if (p.status !== undefined) out.status = p.status;
  if (p.headers !== undefined) out.headers = redactHeaders(p.headers);
  if (p.contentType) out.contentType = p.contentType;
  const sha = p.sha256 ?? (bytes ? sha256(bytes) : undefined);
  if (sha !== undefined) out.sha256 = sha;
  if (p.parts !== undefined) out.parts = p.parts;
  if (p.text !== undefined) {
    if (Buffer.byteLength(p.text) <= inlineLimit) out.body = p.text;
  } else if (bytes && bytes.length > 0 && bytes.length <= inlineLimit && !BINARY.test(p.contentType ?? '')) {
    out.body = bytes.toString(p.encoding ?? 'utf8');
  }
  return out;
}

export const sha256 = (bytes: Buffer | Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** Counts and hashes a body while it streams (large retrieves are never held whole). */
export class BodyTap {
  size = 0;
  readonly #hash: Hash = createHash('sha256');
  #digest: string | undefined;
  update(chunk: Uint8Array): void {
    this.size += chunk.length;
    this.#hash.update(chunk);
  }
  sha256(): string {
    this.#digest ??= this.#hash.digest('hex');
    return this.#digest;
  }
}

/** Where finished exchanges persist (the simulator store implements it). */
export interface ExchangeSink {
  recordExchanges(list: readonly Exchange[]): Promise<void>;
}

export interface RecorderOptions {
  sink?: ExchangeSink;
  onExchange?: (e: Exchange) => void;
  inlineLimit?: number;
  /**
   * Exchanges kept in memory at most (the newest). Default: all without a sink; with one, which
   * keeps every exchange, DEFAULT_MEMORY_LIMIT: a simulator that runs for days under load would
   * otherwise hold them all (50 clients for a minute: some 50,000, bodies up to 64 KiB inline).
   */
  memoryLimit?: number;
}

/** Exchanges a recorder with a sink keeps in memory: far more than any plan run sends. */
export const DEFAULT_MEMORY_LIMIT = 10_000;

/**
 * Keeps exchanges in memory (plans read them; with a sink only the newest, see memoryLimit),
 * tells listeners, and writes them to the sink in batches, one store transaction per turn of
 * the event loop, so evidence costs the SUT little; a failed write must not cost the SUT its
 * answer. `scope()` gives a simulator its own view while sharing the sink, the listeners, the
 * policy and the memory limit.
 */
export class ExchangeRecorder {
  readonly inlineLimit: number;
  readonly #list: Exchange[] = [];
  readonly #parent: ExchangeRecorder | undefined;
  readonly #sink: ExchangeSink | undefined;
  readonly #listeners: ((e: Exchange) => void)[] = [];
  #queue: Exchange[] = [];
  #pending: Promise<void> = Promise.resolve();
  readonly #memoryLimit: number;
  #recorded = 0;

  constructor(opts: RecorderOptions = {}, parent?: ExchangeRecorder) {
    this.inlineLimit = opts.inlineLimit ?? parent?.inlineLimit ?? INLINE_LIMIT;
    this.#memoryLimit = opts.memoryLimit ?? (parent ? parent.#memoryLimit : opts.sink ? DEFAULT_MEMORY_LIMIT : Number.POSITIVE_INFINITY);
    this.#parent = parent;
    this.#sink = opts.sink;
    if (opts.onExchange) this.#listeners.push(opts.onExchange);
  }

  /** A child recorder: its own exchanges() list; records also go to this one (and its sink). */
  scope(opts: { onExchange?: (e: Exchange) => void } = {}): ExchangeRecorder {
    return new ExchangeRecorder(opts.onExchange ? { onExchange: opts.onExchange } : {}, this);
  }

  onExchange(listener: (e: Exchange) => void): void {
    this.#listeners.push(listener);
  }

  /** A new exchange with its id and start time; `record` it once it is complete. */
  begin(init: { transaction: string; from: string; to: string; request: Payload; at?: Date }): Exchange {
    return {
      id: randomUUID(),
      at: (init.at ?? new Date()).toISOString(),
      transaction: init.transaction,
      from: init.from,
      to: init.to,
      request: init.request,
    };
  }

  payload(p: PayloadInput): Payload {
    return payloadOf(p, this.inlineLimit);
  }

  record(ex: Exchange): void {
    this.#list.push(ex);
    this.#recorded++;
    // Trimmed in bulk (a quarter over the limit), not one shift per exchange.
    if (this.#list.length > this.#memoryLimit * 1.25) this.#list.splice(0, this.#list.length - this.#memoryLimit);
    for (const l of this.#listeners) {
      try {
        l(ex);
      } catch {
        // A listener (a log line, a plan's waiter) must not break the simulator.
      }
    }
    if (this.#parent) this.#parent.record(ex);
    else if (this.#sink) {
      this.#queue.push(ex);
      if (this.#queue.length === 1) setImmediate(() => void this.flush());
    }
  }

  /** The exchanges in memory, oldest first: all of them, or the newest memoryLimit to a quarter more. */
  exchanges(): Exchange[] {
    return [...this.#list];
  }

  /** How many exchanges were recorded since start, whether still in memory or not. */
  recorded(): number {
    return this.#recorded;
  }

  /** Resolves once every recorded exchange has reached the sink (or failed to). */
  flush(): Promise<void> {
    if (this.#parent) return this.#parent.flush();
    const batch = this.#queue;
    this.#queue = [];
    const sink = this.#sink;
    if (sink && batch.length > 0) this.#pending = this.#pending.then(() => sink.recordExchanges(batch)).catch(() => undefined);
    return this.#pending;
  }
}

/** `http://host:port` of a socket peer, IPv6 bracketed, for `from`/`to`. */
export function httpUrlOf(scheme: string, address: string | undefined, port: number | undefined): string {
  const host = (address ?? 'unknown').replace(/^::ffff:/, '');
  return `${scheme}://${host.includes(':') ? `[${host}]` : host}${port === undefined ? '' : `:${port}`}`;
}
