// Streamed multipart (RFC 2046/2387) reader over multipasta. Parts come out one at a time as
// streams; a part the caller does not read is drained when it asks for the next one. Every
// failure (bad boundary, limits, a body cut short, a dropped source) ends the iteration with
// a MultipartReadError, never a hang.
import { PassThrough, type Readable } from 'node:stream';
import * as MP from 'multipasta';
import { parseContentType } from './content-type.ts';
import { Rechunker } from './rechunk.ts';

export interface MultipartLimits {
  maxParts?: number;
  maxPartSize?: number;
  maxTotalSize?: number;
}

export const DEFAULT_LIMITS: Required<MultipartLimits> = {
  maxParts: 100_000,
  maxPartSize: 2 ** 31,
  maxTotalSize: 2 ** 40,
};

export type MultipartErrorCode =
  | 'not-multipart'
  | 'invalid-boundary'
  | 'bad-headers'
  | 'max-parts'
  | 'max-part-size'
  | 'max-total-size'
  | 'truncated'
  | 'source-error';

export class MultipartReadError extends Error {
  constructor(
    readonly code: MultipartErrorCode,
    message: string,
    /** Parts fully or partly seen when it failed. */
    readonly partsSeen: number,
    /** Body bytes consumed when it failed. */
    readonly bytesRead: number,
  ) {
    super(message);
    this.name = 'MultipartReadError';
  }
}

export interface IncomingPart {
  /** 0-based position in the message. */
  index: number;
  /** Header names lower case, e.g. headers['content-type']. */
  headers: Record<string, string>;
  /** The part's Content-Type, as sent ('' when missing). */
  contentType: string;
  /** Lower-cased media type of the part ('' when missing). */
  mediaType: string;
  /** Content-Type parameters, names lower case. */
  params: Record<string, string>;
  body: Readable;
}

export interface BufferedPart extends Omit<IncomingPart, 'body'> {
  body: Buffer;
}

const LIMIT_CODES = {
  MaxParts: 'max-parts',
  MaxPartSize: 'max-part-size',
  MaxTotalSize: 'max-total-size',
  MaxFieldSize: 'max-part-size',
} as const;

/**
 * Reads a multipart body given its Content-Type header. Throws MultipartReadError (from the
 * iteration, and into the current part's body stream) on any framing problem.
 */
const BOUNDARY = /^[0-9A-Za-z'()+_,\-./:=? ]{0,69}[0-9A-Za-z'()+_,\-./:=?]$/;

export async function* readMultipart(
  source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  contentTypeHeader: string | undefined,
  limits: MultipartLimits = {},
): AsyncGenerator<IncomingPart> {
  const ct = parseContentType(contentTypeHeader);
  if (!ct || !ct.mediaType.startsWith('multipart/')) {
    throw new MultipartReadError('not-multipart', `Content-Type is not multipart: ${contentTypeHeader ?? '(none)'}`, 0, 0);
  }
  if (!ct.params.boundary) throw new MultipartReadError('invalid-boundary', 'multipart Content-Type has no boundary parameter', 0, 0);
  // RFC 2046 §5.1.1: 1 to 70 characters from bchars, not ending in a space.
  if (!BOUNDARY.test(ct.params.boundary))
    throw new MultipartReadError(
      'invalid-boundary',
      `multipart boundary is not 1-70 characters of RFC 2046 bchars: '${ct.params.boundary.slice(0, 80)}'`,
      0,
      0,
    );
  const lim = { ...DEFAULT_LIMITS, ...limits };

  const queue: IncomingPart[] = [];
  let failure: MultipartReadError | undefined;
  let done = false;
  let finished = false;
  let bytes = 0;
  let count = 0;
  let current: PassThrough | undefined;
  let wake: (() => void) | undefined;
  const notify = (): void => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  const fail = (code: MultipartErrorCode, message: string): void => {
    if (failure) return;
    failure = new MultipartReadError(code, message, count, bytes);
    if (current && !current.writableFinished) current.destroy(failure);
    notify();
  };

  const parser = MP.make({
    headers: { 'content-type': contentTypeHeader ?? '' },
    isFile: () => true,
    maxParts: lim.maxParts,
    maxPartSize: lim.maxPartSize,
    maxTotalSize: lim.maxTotalSize,
    onField: () => undefined,
    onFile: (info) => {
      if (failure) return () => undefined;
      const body = new PassThrough();
      // The error also reaches a reader through iteration; this keeps an unread part from crashing.
      body.on('error', () => undefined);
      current = body;
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(info.headers)) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
      const raw = headers['content-type'] ?? '';
      const pct = parseContentType(raw);
      queue.push({ index: count++, headers, contentType: raw, mediaType: pct?.mediaType ?? '', params: pct?.params ?? {}, body });
      notify();
      return (chunk) => {
        if (failure) return;
        if (chunk === null) body.end();
        else body.write(chunk);
      };
    },
    onError: (e) => {
      if (e._tag === 'ReachedLimit') fail(LIMIT_CODES[e.limit], `multipart limit reached: ${e.limit} (${limitValue(lim, e.limit)})`);
      else if (e._tag === 'EndNotReached') fail('truncated', 'multipart body ended inside a part, before the close delimiter');
      else if (e._tag === 'BadHeaders') fail('bad-headers', `malformed part headers (${e.error.reason})`);
      else fail('invalid-boundary', `multipart framing error: ${e._tag}`);
    },
    onDone: () => {
      done = true;
      notify();
    },
  });

  const rechunk = new Rechunker(ct.params.boundary);
  const pump = (async () => {
    try {
      for await (const chunk of source) {
        if (failure || finished) break;
        bytes += chunk.length;
        for (const safe of rechunk.push(chunk)) parser.write(safe);
        // Backpressure: wait until the reader takes the current part's data (or drops it).
        const body = current;
        if (body && body.writableNeedDrain && !failure) {
          await drainOrClose(body);
        }
      }
      if (!failure && !finished) {
        const rest = rechunk.flush();
        if (rest) parser.write(rest);
        parser.end();
        if (!done) fail('truncated', `multipart body ended without the close delimiter after ${count} part(s), ${bytes} bytes`);
      }
    } catch (err) {
      fail('source-error', `body stream failed after ${bytes} bytes: ${(err as Error)?.message ?? String(err)}`);
    } finally {
      done = true;
      notify();
    }
  })();

  let previous: IncomingPart | undefined;
  try {
    for (;;) {
      const next = queue.shift();
      if (next) {
        previous = next;
        yield next;
        // An unread body would stall the pump: drop what the caller left.
        if (!previous.body.readableEnded && !previous.body.destroyed) previous.body.resume();
        continue;
      }
      if (failure) throw failure;
      if (done) break;
      await new Promise<void>((r) => (wake = r));
    }
    await pump;
    if (failure) throw failure;
  } finally {
    finished = true;
    current?.resume();
    notify();
  }
}

/** Reads every part into memory: for small messages (SOAP/MTOM), still bounded by limits. */
export async function readMultipartBuffered(
  source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  contentTypeHeader: string | undefined,
  limits: MultipartLimits = {},
): Promise<BufferedPart[]> {
  const out: BufferedPart[] = [];
  for await (const part of readMultipart(source, contentTypeHeader, limits)) {
    const chunks: Buffer[] = [];
    for await (const c of part.body) chunks.push(c as Buffer);
    out.push({ ...part, body: Buffer.concat(chunks) });
  }
  return out;
}

/** Resolves on 'drain' or 'close', removing both listeners (no build-up over many waits). */
function drainOrClose(body: PassThrough): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      body.off('drain', done);
      body.off('close', done);
      resolve();
    };
    body.on('drain', done);
    body.on('close', done);
  });
}

function limitValue(lim: Required<MultipartLimits>, name: string): number {
  return name === 'MaxParts' ? lim.maxParts : name === 'MaxTotalSize' ? lim.maxTotalSize : lim.maxPartSize;
}
