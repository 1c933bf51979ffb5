// The retrieve hot path: a multipart/related body of Part 10 files written straight to the raw
// response. The bytes are exactly those of protocols/multipart/writer.ts (the slow path, kept for
// byte faults), but every part header is built before the first byte goes out, so the answer
// carries a Content-Length (no chunked framing); each part leaves as one corked batch
// (CRLF + delimiter + headers, then the file), the next file is read while the current one is
// sent, and back-pressure is kept (drain awaited).
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { isGone, writeBatch } from '../kit/raw-write.ts';
import type { InstanceRecord } from './store.ts';

/** Files up to 16 MiB are read whole, one ahead of their turn; bigger ones stream in 4 MiB reads. */
const PREFETCH_MAX = 16 * 1024 * 1024;
const STREAM_CHUNK = 4 * 1024 * 1024;
/** Buffers per retrieve: one being read, up to two on their way to the socket. */
const POOL_SIZE = 3;

export interface MultipartLayout {
  /** Per part: the bytes before its body (CRLF closing the previous part, delimiter, headers). */
  heads: Buffer[];
  /** CRLF closing the last part and the close delimiter. */
  tail: Buffer;
  /** Whole body length, from the sizes indexed at start. */
  length: number;
}

export function layoutParts(instances: readonly InstanceRecord[], boundary: string): MultipartLayout {
  let length = 0;
  const heads = instances.map((inst, k) => {
    const head = Buffer.from(
      `${k === 0 ? '' : '\r\n'}--${boundary}\r\nContent-Type: application/dicom; transfer-syntax=${inst.transferSyntax}\r\nContent-Length: ${inst.size}\r\n\r\n`,
      'latin1',
    );
    length += head.length + inst.size;
    return head;
  });
  const tail = Buffer.from(`${instances.length === 0 ? '' : '\r\n'}--${boundary}--\r\n`, 'latin1');
  return { heads, tail, length: length + tail.length };
}

export interface SendResult {
  /** Body bytes handed to the socket. */
  sent: number;
  /** Why the body stopped short, when it did. */
  error?: string;
}

/**
 * Writes the body whose layout is `layout`; `onChunk` sees every buffer written (the evidence tap).
 * A file whose size changed since indexing cannot honour the Content-Length already sent: the
 * connection is cut so the client sees a short body, never wrong bytes.
 */
export async function sendParts(
  res: ServerResponse,
  instances: readonly InstanceRecord[],
  layout: MultipartLayout,
  onChunk: (b: Buffer) => void,
  onCut: (error: string) => void = () => undefined,
): Promise<SendResult> {
  // The reason is handed over before the connection is cut, so whoever records on 'close' has it.
  const cut = (error: string): SendResult => {
    onCut(error);
    res.destroy();
    return { sent, error };
  };
  let sent = 0;
  const out = async (bufs: Buffer[], onFlushed?: () => void) => {
    for (const b of bufs) {
      onChunk(b);
      sent += b.length;
    }
    await writeBatch(res, bufs, onFlushed);
  };
  const pool = new BufferPool(POOL_SIZE, Math.max(0, ...instances.map((i) => (i.size <= PREFETCH_MAX ? i.size : 0))));
  const prefetch = (inst: InstanceRecord | undefined) => {
    if (!inst || inst.size > PREFETCH_MAX) return undefined;
    const p = readInto(pool, inst.path, inst.size);
    p.catch(() => undefined); // awaited when its turn comes; a client gone early must not leave it unhandled
    return p;
  };
  let next = prefetch(instances[0]);
  try {
    for (let k = 0; k < instances.length; k++) {
      if (isGone(res)) return { sent, error: 'client closed the connection' };
      const inst = instances[k]!;
      const current = next;
      next = prefetch(instances[k + 1]);
      if (current) {
        const { bytes, buf, actual } = await current;
        if (actual !== inst.size) {
          pool.release(buf);
          return cut(`${inst.path} changed size since indexing (${inst.size} -> ${actual} bytes)`);
        }
        await out([layout.heads[k]!, bytes], () => pool.release(buf));
        continue;
      }
      await out([layout.heads[k]!]);
      let n = 0;
      for await (const chunk of createReadStream(inst.path, { highWaterMark: STREAM_CHUNK }) as AsyncIterable<Buffer>) {
        n += chunk.length;
        if (n > inst.size || isGone(res)) break;
        await out([chunk]);
      }
      if (isGone(res)) return { sent, error: 'client closed the connection' };
      if (n !== inst.size) return cut(`${inst.path} changed size since indexing (${inst.size} -> ${n}+ bytes)`);
    }
    await out([layout.tail]);
    res.end();
    return { sent };
  } catch (err) {
    return cut(`reading a part failed: ${(err as Error).message}`);
  }
}

/**
 * A few part-sized buffers reused for the whole retrieve: one being read while others are still
 * on their way to the socket. Fresh buffers per file cost the process more in garbage collection
 * (external memory) than the copy itself.
 */
class BufferPool {
  readonly #free: Buffer[] = [];
  readonly #waiting: ((b: Buffer) => void)[] = [];
  constructor(count: number, size: number) {
    for (let i = 0; i < count; i++) this.#free.push(Buffer.allocUnsafeSlow(size));
  }
  acquire(): Promise<Buffer> {
    const b = this.#free.pop();
    return b ? Promise.resolve(b) : new Promise((resolve) => this.#waiting.push(resolve));
  }
  release(b: Buffer): void {
    const w = this.#waiting.shift();
    if (w) w(b);
    else this.#free.push(b);
  }
}

/** Reads a file of `size` bytes into a pooled buffer; `actual` differs when the file changed. */
async function readInto(pool: BufferPool, path: string, size: number): Promise<{ bytes: Buffer; buf: Buffer; actual: number }> {
  const buf = await pool.acquire();
  let fh;
  try {
    fh = await open(path, 'r');
    let n = 0;
    while (n < size) {
      const { bytesRead } = await fh.read(buf, n, size - n, n);
      if (bytesRead === 0) break;
      n += bytesRead;
    }
    // One byte more tells a grown file from an intact one without a stat.
    const actual = n < size ? n : n + (await fh.read(Buffer.alloc(1), 0, 1, size)).bytesRead;
    return { bytes: buf.subarray(0, n), buf, actual };
  } catch (err) {
    pool.release(buf);
    throw err;
  } finally {
    await fh?.close();
  }
}
