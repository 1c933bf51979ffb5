// The retrieve hot path: a multipart/related body of Part 10 files written straight to the raw
// response. The bytes are exactly those of protocols/multipart/writer.ts (the slow path, kept for
// byte faults), but every part header is built before the first byte goes out, so the answer
// carries a Content-Length (no chunked framing); each part leaves as one corked batch
// (CRLF + delimiter + headers, then the file), the next file is read while the current one is
// sent, and back-pressure is kept (drain awaited).
// The evidence is the part list (model/body-parts.ts): each file's SHA-256 is computed once per
// version of the file and reused while the file read is provably that version, instead of
// hashing every byte of every response on the main thread (which cost most of the throughput).
import { createHash } from 'node:crypto';
import type { BigIntStats } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { partHeads, type BodyPart } from '../../model/body-parts.ts';
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

export const partContentType = (inst: InstanceRecord): string => `application/dicom; transfer-syntax=${inst.transferSyntax}`;

export function layoutParts(instances: readonly InstanceRecord[], boundary: string): MultipartLayout {
  const framing = partHeads(
    boundary,
    instances.map((inst) => ({ contentType: partContentType(inst), size: inst.size })),
  );
  let length = 0;
  const heads = framing.heads.map((text, k) => {
    const head = Buffer.from(text, 'latin1');
    length += head.length + instances[k]!.size;
    return head;
  });
  const tail = Buffer.from(framing.tail, 'latin1');
  return { heads, tail, length: length + tail.length };
}

export interface SendResult {
  /** Body bytes handed to the socket. */
  sent: number;
  /** Why the body stopped short, when it did. */
  error?: string;
  /** Once the body went out whole: each part's Content-Type, size and SHA-256 of the bytes sent. */
  parts?: BodyPart[];
}

/**
 * Writes the body whose layout is `layout`. A file whose size changed since indexing cannot
 * honour the Content-Length already sent: the connection is cut so the client sees a short
 * body, never wrong bytes.
 */
export async function sendParts(
  res: ServerResponse,
  instances: readonly InstanceRecord[],
  layout: MultipartLayout,
  hooks: { onCut?: (error: string) => void; onSent?: (bytes: number) => void } = {},
): Promise<SendResult> {
  const { onCut = () => undefined, onSent = () => undefined } = hooks;
  // The reason is handed over before the connection is cut, so whoever records on 'close' has it.
  const cut = (error: string): SendResult => {
    onCut(error);
    res.destroy();
    return { sent, error };
  };
  let sent = 0;
  const parts: BodyPart[] = [];
  const out = async (bufs: Buffer[], onFlushed?: () => void) => {
    let n = 0;
    for (const b of bufs) n += b.length;
    sent += n;
    onSent(n);
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
        const { bytes, buf, actual, version } = await current;
        if (actual !== inst.size) {
          pool.release(buf);
          return cut(`${inst.path} changed size since indexing (${inst.size} -> ${actual} bytes)`);
        }
        // Hashed before the buffer goes back to the pool; reused only for the very file version read.
        const sha256 =
          version !== undefined && inst.digest?.identity === version
            ? inst.digest.sha256
            : createHash('sha256').update(bytes).digest('hex');
        if (version !== undefined) inst.digest = { identity: version, sha256 };
        parts.push({ contentType: partContentType(inst), size: inst.size, sha256 });
        await out([layout.heads[k]!, bytes], () => pool.release(buf));
        continue;
      }
      // A file too big to hold is hashed as it streams, every time: it may change under a long send.
      await out([layout.heads[k]!]);
      const hash = createHash('sha256');
      let n = 0;
      const fh = await open(inst.path, 'r');
      try {
        for await (const chunk of fh.createReadStream({ highWaterMark: STREAM_CHUNK, autoClose: false }) as AsyncIterable<Buffer>) {
          n += chunk.length;
          if (n > inst.size || isGone(res)) break;
          hash.update(chunk);
          await out([chunk]);
        }
      } finally {
        await fh.close().catch(() => undefined);
      }
      if (isGone(res)) return { sent, error: 'client closed the connection' };
      if (n !== inst.size) return cut(`${inst.path} changed size since indexing (${inst.size} -> ${n}+ bytes)`);
      parts.push({ contentType: partContentType(inst), size: inst.size, sha256: hash.digest('hex') });
    }
    await out([layout.tail]);
    res.end();
    return { sent, parts };
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

/** Which version of a file this is: inode, size, modification and change times (ns). */
const identityOf = (s: BigIntStats): string => `${s.ino}:${s.size}:${s.mtimeNs}:${s.ctimeNs}`;
const versionOf = async (fh: FileHandle): Promise<string> => identityOf(await fh.stat({ bigint: true }));

/**
 * Reads a file of `size` bytes into a pooled buffer; `actual` differs when the file changed size.
 * `version` is the file's identity when it was the same before and after the read (the bytes are
 * then exactly that version), undefined when the file changed while being read.
 */
async function readInto(
  pool: BufferPool,
  path: string,
  size: number,
): Promise<{ bytes: Buffer; buf: Buffer; actual: number; version: string | undefined }> {
  const buf = await pool.acquire();
  let fh;
  try {
    fh = await open(path, 'r');
    const before = await versionOf(fh);
    let n = 0;
    while (n < size) {
      const { bytesRead } = await fh.read(buf, n, size - n, n);
      if (bytesRead === 0) break;
      n += bytesRead;
    }
    // One byte more tells a grown file from an intact one without a stat.
    const actual = n < size ? n : n + (await fh.read(Buffer.alloc(1), 0, 1, size)).bytesRead;
    const after = await versionOf(fh);
    return { bytes: buf.subarray(0, n), buf, actual, version: before === after ? after : undefined };
  } catch (err) {
    pool.release(buf);
    throw err;
  } finally {
    await fh?.close();
  }
}
