// The worker side of simulators/kit/worker-pool.ts: answers each task message with its value,
// or with its error as data (an Error does not cross postMessage with its class and fields).
import { parentPort } from 'node:worker_threads';
import type { WorkerReply } from './worker-pool.ts';

/**
 * `transferOf` names buffers the answer hands back instead of copying (e.g. the task's own
 * input buffer, when the answer holds views into it); the worker must not touch them afterwards.
 */
export function serveTasks<I, O>(work: (input: I) => Promise<O> | O, transferOf?: (value: O, input: I) => readonly ArrayBuffer[]): void {
  const port = parentPort;
  if (!port) throw new Error('serveTasks runs inside a worker thread');
  port.on('message', async (input: I) => {
    let reply: WorkerReply;
    let transfer: ArrayBuffer[] = [];
    try {
      const value = await work(input);
      reply = { ok: true, value };
      if (transferOf) transfer = [...new Set(transferOf(value, input))].filter((b) => b.byteLength > 0);
    } catch (err) {
      const e = err instanceof Error ? err : new Error(String(err));
      reply = { ok: false, error: { ...e, name: e.name, message: e.message, ...(e.stack ? { stack: e.stack } : {}) } };
    }
    port.postMessage(reply, transfer);
  });
}
