// Streamed multipart/related (RFC 2387) writer: parts are produced one at a time, and a part
// body given as a factory is opened only when its turn comes, so a 2 GB study needs one open
// file and a few chunks of memory.
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { formatContentType } from './content-type.ts';

export type PartBody = Uint8Array | string | Readable | AsyncIterable<Uint8Array> | (() => Readable | AsyncIterable<Uint8Array>);

export interface OutgoingPart {
  /** Header name -> value, written in this order; e.g. { 'Content-Type': 'application/dicom' }. */
  headers: Record<string, string>;
  body: PartBody;
}

export function newBoundary(): string {
  return `mcwg-${randomBytes(12).toString('hex')}`;
}

/** `multipart/related; type="…"; boundary=…` plus any extra parameters (e.g. start, start-info). */
export function multipartRelatedType(boundary: string, type?: string, extra: Record<string, string> = {}): string {
  return formatContentType('multipart/related', { type, ...extra, boundary });
}

/** Yields the encoded body chunk by chunk; wrap in Readable.from() to send it. */
export async function* writeMultipart(
  parts: Iterable<OutgoingPart> | AsyncIterable<OutgoingPart>,
  boundary: string,
): AsyncGenerator<Buffer> {
  for await (const part of parts) {
    const head = Object.entries(part.headers)
      .map(([k, v]) => `${k}: ${v}\r\n`)
      .join('');
    yield Buffer.from(`--${boundary}\r\n${head}\r\n`, 'latin1');
    yield* bodyChunks(part.body);
    yield Buffer.from('\r\n', 'latin1');
  }
  yield Buffer.from(`--${boundary}--\r\n`, 'latin1');
}

/** The whole body in memory: for small messages (SOAP/MTOM, tests). */
export async function encodeMultipart(parts: Iterable<OutgoingPart> | AsyncIterable<OutgoingPart>, boundary: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of writeMultipart(parts, boundary)) chunks.push(c);
  return Buffer.concat(chunks);
}

async function* bodyChunks(body: PartBody): AsyncGenerator<Buffer> {
  if (typeof body === 'string') {
    yield Buffer.from(body, 'utf8');
    return;
  }
  if (body instanceof Uint8Array) {
    yield Buffer.from(body.buffer, body.byteOffset, body.byteLength);
    return;
  }
  const source = typeof body === 'function' ? body() : body;
  for await (const chunk of source) yield Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
}
