// The retrieve hot path: a multipart/related body of Part 10 files written straight to the raw
// response. The bytes are exactly those of protocols/multipart/writer.ts (the slow path, kept for
// byte faults), but every part header is built before the first byte goes out, so the answer
// carries a Content-Length (no chunked framing); each part leaves as one corked batch
// (CRLF + delimiter + headers, then the file), each file is read whole in its turn into a pooled
// buffer while the kernel's socket buffer still holds the previous ones, and back-pressure is
// kept (drain awaited).
// The evidence is the part list (model/body-parts.ts): each file's SHA-256 is computed once per
// version of the file and reused while the file read is provably that version, instead of
// hashing every byte of every response on the main thread (which cost most of the throughput).
import { createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readSync, type BigIntStats } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { partHeads, type BodyPart } from '../../model/body-parts.ts';
import { isGone, writeBatch, writeCorked } from '../kit/raw-write.ts';
import type { InstanceRecord } from './store.ts';

/** Files up to 16 MiB are read whole, each in its turn; bigger ones stream in 4 MiB reads. */
const READ_WHOLE_MAX = 16 * 1024 * 1024;
const STREAM_CHUNK = 4 * 1024 * 1024;
/**
 * Part bytes a retrieve keeps on their way to the socket (in as many pooled buffers as that takes,
 * at least two): a read waits for a buffer the socket has flushed. Waiting for 'drain' after every
 * 512 KiB part cost about a third more CPU per byte than this (more wake-ups, smaller writes);
 * parts queued while one is in flight leave together in one writev.
 */
const WRITE_AHEAD = 4 * 1024 * 1024;
/** Body bytes after which the loop is given a turn when the socket never asked to wait. */
const TURN_BYTES = 8 * 1024 * 1024;

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
  const tally = (bufs: Buffer[]): Buffer[] => {
    let n = 0;
    for (const b of bufs) n += b.length;
    sent += n;
    onSent(n);
    return bufs;
  };
  // Streamed parts wait for 'drain' whenever write() says so.
  const out = (bufs: Buffer[]): Promise<void> | undefined => writeBatch(res, tally(bufs));
  const largest = Math.max(0, ...instances.map((i) => (i.size <= READ_WHOLE_MAX ? i.size : 0)));
  const pool = new BufferPool(Math.max(2, Math.ceil(WRITE_AHEAD / Math.max(1, largest))) + 1, largest);
  // Bytes written since the event loop last turned: a client that never fills the socket must not
  // keep other requests waiting for the whole study (reads below are synchronous).
  let sinceTurn = 0;
  try {
    for (let k = 0; k < instances.length; k++) {
      if (isGone(res)) return { sent, error: 'client closed the connection' };
      const inst = instances[k]!;
      if (inst.size <= READ_WHOLE_MAX) {
        const buf = pool.take() ?? (await pool.acquire());
        // A read that throws ends the retrieve (catch below): the pool dies with it.
        const { bytes, actual, version } = readWhole(inst.path, inst.size, buf);
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
        // Back-pressure is the pool: the next read waits for a buffer the socket has flushed.
        writeCorked(res, tally([layout.heads[k]!, bytes]), () => pool.release(buf));
        sinceTurn += bytes.length;
        if (sinceTurn >= TURN_BYTES) {
          await new Promise<void>((r) => setImmediate(r));
          sinceTurn = 0;
        }
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
  /** A free buffer now, or undefined when all are still on their way to the socket. */
  take(): Buffer | undefined {
    return this.#free.pop();
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

/**
 * Hashes each instance's file once, one file at a time, so that even a first retrieve sends
 * without hashing (what `mcwg simulate wado-rs` runs after indexing). A file that changes while
 * being hashed is left to the retrieve; `signal` stops it (the simulator stopping).
 */
export async function warmDigests(instances: Iterable<InstanceRecord>, signal: AbortSignal): Promise<void> {
  for (const inst of instances) {
    // Files read whole are the ones whose digest a retrieve reuses; bigger ones are hashed as they stream.
    if (signal.aborted) return;
    if (inst.digest !== undefined || inst.size > READ_WHOLE_MAX) continue;
    try {
      const fh = await open(inst.path, 'r');
      try {
        const before = await versionOf(fh);
        const hash = createHash('sha256');
        for await (const chunk of fh.createReadStream({ highWaterMark: 1024 * 1024, autoClose: false }) as AsyncIterable<Buffer>) {
          if (signal.aborted) return;
          hash.update(chunk);
        }
        const after = await versionOf(fh);
        if (before === after && inst.digest === undefined) inst.digest = { identity: after, sha256: hash.digest('hex') };
      } finally {
        await fh.close().catch(() => undefined);
      }
    } catch {
      // Unreadable now: a retrieve of it says so in its own exchange.
    }
  }
}

/** Which version of a file this is: inode, size, modification and change times (ns). */
const identityOf = (s: BigIntStats): string => `${s.ino}:${s.size}:${s.mtimeNs}:${s.ctimeNs}`;
const versionOf = async (fh: FileHandle): Promise<string> => identityOf(await fh.stat({ bigint: true }));

interface WholeRead {
  bytes: Buffer;
  /** The file's size after the read: differs from the indexed size when the file changed. */
  actual: number;
  /** The file's identity when it was the same before and after the read, undefined otherwise. */
  version: string | undefined;
}

/**
 * Reads a file of `size` bytes into `buf`, synchronously. Measured on the bench study (200 files of
 * 512 KiB, page cache): five thread-pool round trips per file (open, stat, read, stat, close) cost
 * the process about 4x the CPU of the same calls made directly, more than the copy itself; a
 * direct read of a cached file holds the loop well under a millisecond. The identity is taken
 * before and after the read, so `version` names exactly the bytes read.
 */
function readWhole(path: string, size: number, buf: Buffer): WholeRead {
  const fd = openSync(path, 'r');
  try {
    const before = identityOf(fstatSync(fd, { bigint: true }));
    let n = 0;
    while (n < size) {
      const got = readSync(fd, buf, n, size - n, n);
      if (got === 0) break;
      n += got;
    }
    const afterStat = fstatSync(fd, { bigint: true });
    const after = identityOf(afterStat);
    return { bytes: buf.subarray(0, n), actual: n < size ? n : Number(afterStat.size), version: before === after ? after : undefined };
  } finally {
    closeSync(fd);
  }
}
