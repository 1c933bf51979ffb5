// The worker side of simulators/kit/worker-pool.ts: answers each task message with its value,
// or with its error as data (an Error does not cross postMessage with its class and fields).
import { parentPort } from 'node:worker_threads';
import type { WorkerReply } from './worker-pool.ts';

export function serveTasks<I, O>(work: (input: I) => Promise<O> | O): void {
  const port = parentPort;
  if (!port) throw new Error('serveTasks runs inside a worker thread');
  port.on('message', async (input: I) => {
    let reply: WorkerReply;
    try {
      reply = { ok: true, value: await work(input) };
    } catch (err) {
      const e = err instanceof Error ? err : new Error(String(err));
      reply = { ok: false, error: { ...e, name: e.name, message: e.message, ...(e.stack ? { stack: e.stack } : {}) } };
    }
    port.postMessage(reply);
  });
}
