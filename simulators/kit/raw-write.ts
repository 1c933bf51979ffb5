// Writing a large body straight to the socket-level response, without a stream pipeline in
// between: a few writes per part (corked, so header and body leave in one writev), and
// back-pressure kept by waiting for 'drain' whenever write() says the buffer is full.
import type { ServerResponse } from 'node:http';

/** Resolves once `res` can take more bytes, or once it closed (the caller checks `res.destroyed`). */
function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

/**
 * Writes `bufs` in one corked batch and says whether the response still takes more (write()'s
 * answer), without waiting: for callers whose own buffer pool bounds what is in flight.
 * `onFlushed` rides on the last write: called once the bytes left for the kernel (or the write
 * failed), after which the caller may reuse the buffers. Writing to a closed response is a no-op.
 */
export function writeCorked(res: ServerResponse, bufs: readonly Uint8Array[], onFlushed?: () => void): boolean {
  if (res.destroyed || res.writableEnded) {
    onFlushed?.();
    return true;
  }
  res.cork();
  let ok = true;
  for (let i = 0; i < bufs.length; i++)
    ok = (i === bufs.length - 1 && onFlushed ? res.write(bufs[i]!, () => onFlushed()) : res.write(bufs[i]!)) && ok;
  res.uncork();
  return ok;
}

/**
 * Writes `bufs` in one corked batch; returns a promise only when the socket asked to wait (so the
 * common path allocates nothing), undefined otherwise. Writing to a closed response is a no-op.
 */
export function writeBatch(res: ServerResponse, bufs: readonly Uint8Array[], onFlushed?: () => void): Promise<void> | undefined {
  return writeCorked(res, bufs, onFlushed) || res.destroyed ? undefined : drained(res);
}

/** True once the client went away (or the response was ended): stop producing. */
export function isGone(res: ServerResponse): boolean {
  return res.destroyed || res.writableEnded;
}
