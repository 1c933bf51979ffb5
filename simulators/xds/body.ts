// Reads a request body as a stream with a total-size cap and a deadline, hashing as it goes,
// so a huge or trickling sender is cut off instead of holding a connection forever.
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';

export class BodyError extends Error {
  override name = 'BodyError';
  constructor(
    message: string,
    readonly kind: 'too-large' | 'timeout' | 'aborted',
  ) {
    super(message);
  }
}

export interface BodyTap {
  size: number;
  sha256(): string;
}

export function guardedBody(stream: Readable, maxBytes: number, deadlineMs: number): { chunks: AsyncIterable<Uint8Array>; tap: BodyTap } {
  const hash = createHash('sha256');
  const tap = { size: 0, sha256: () => hash.copy().digest('hex') };
  async function* gen(): AsyncGenerator<Uint8Array> {
    const deadline = Date.now() + deadlineMs;
    const it = stream[Symbol.asyncIterator]();
    try {
      for (;;) {
        const left = deadline - Date.now();
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new BodyError(`request body not complete within ${deadlineMs} ms`, 'timeout')),
            Math.max(0, left),
          );
        });
        let next: IteratorResult<Buffer>;
        try {
          next = (await Promise.race([it.next(), timeout])) as IteratorResult<Buffer>;
        } catch (err) {
          if (err instanceof BodyError) throw err;
          throw new BodyError(`request body aborted: ${err instanceof Error ? err.message : String(err)}`, 'aborted');
        } finally {
          clearTimeout(timer);
        }
        if (next.done) return;
        tap.size += next.value.length;
        if (tap.size > maxBytes) throw new BodyError(`request body over the ${maxBytes}-byte limit`, 'too-large');
        hash.update(next.value);
        yield next.value;
      }
    } finally {
      // Stop reading: the rest of an oversized or late body is not wanted.
      void it.return?.();
    }
  }
  return { chunks: gen(), tap };
}

export async function collect(chunks: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of chunks) parts.push(Buffer.from(c));
  return Buffer.concat(parts);
}
