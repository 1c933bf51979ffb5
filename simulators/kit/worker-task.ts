// The worker side of simulators/kit/worker-pool.ts: answers each task message with its value,
// or with its error as data (an Error does not cross postMessage with its class and fields).
import { parentPort, type MessagePort } from 'node:worker_threads';
import { lowerThreadPriority } from './thread-priority.ts';
import { postPieces, type LongArrays } from './worker-pieces.ts';
import type { WorkerReply } from './worker-pool.ts';

const PER_PIECE = 25;

export interface ServeOptions<O> {
  /**
   * Dotted paths of arrays in an answer that may be long: past `perPiece` items they are sent in
   * pieces the event loop deserializes one per turn (worker-pieces.ts), not in one message.
   */
  longArrays?: (value: O) => LongArrays;
  /**
   * Whether the thread runs below the event loop's priority (default true: background work,
   * thread-priority.ts). False for a thread others wait on, such as the SQLite writer holding
   * the write lock: lowered, it was starved under load while the loop's writes queued behind it.
   */
  background?: boolean;
  /** Items per piece (default 25: a document entry record takes ~0.3 ms to deserialize, so a piece is a few ms). */
  perPiece?: number;
}

/**
 * `transferOf` names buffers the answer hands back instead of copying (e.g. the task's own
 * input buffer, when the answer holds views into it); the worker must not touch them afterwards.
 * With `longArrays` they go with the answer's head (pieces already sent are copies).
 */
export function serveTasks<I, O>(
  work: (input: I) => Promise<O> | O,
  transferOf?: (value: O, input: I) => readonly ArrayBuffer[],
  opts: ServeOptions<O> = {},
): void {
  const port = parentPort;
  if (!port) throw new Error('serveTasks runs inside a worker thread');
  if (opts.background !== false) lowerThreadPriority();
  port.on('message', async (input: I) => {
    let reply: WorkerReply;
    let transfer: (ArrayBuffer | MessagePort)[] = [];
    try {
      const value = await work(input);
      reply = { ok: true, value };
      if (transferOf) transfer = [...new Set(transferOf(value, input))].filter((b) => b.byteLength > 0);
      const split = opts.longArrays && postPieces(value, opts.longArrays(value), opts.perPiece ?? PER_PIECE);
      if (split) {
        reply = { ok: true, value: split.head, pieces: split.ref };
        transfer.push(split.ref.port);
      }
    } catch (err) {
      const e = err instanceof Error ? err : new Error(String(err));
      reply = { ok: false, error: { ...e, name: e.name, message: e.message, ...(e.stack ? { stack: e.stack } : {}) } };
      transfer = [];
    }
    port.postMessage(reply, transfer);
  });
}
