// What `mcwg serve --workers N` and `mcwg worker` use: the worker loop, and N in-process slots
// that run next to the web pages until the server stops.
import { hostname } from 'node:os';
import type { RunQueue } from '../queue/types.ts';
import { type RunExecutor, runWorker, type WorkerOptions, type WorkerReport } from './worker.ts';

export { DEFAULTS, type ExecuteContext, type RunExecutor, runWorker, type WorkerOptions, type WorkerReport } from './worker.ts';

export interface InProcessWorkers {
  readonly workerId: string;
  /** Stops claiming, stops the runs in progress (they finish as stopped, partial results kept), and waits for them. */
  stop(): Promise<WorkerReport>;
}

/** A worker id that says where it runs: host, process and a suffix. */
export function defaultWorkerId(prefix = 'worker'): string {
  return `${prefix}-${hostname()}-${process.pid}`;
}

/** n runs at a time inside this process (n = 0: none; the queue then needs `mcwg worker` processes). */
export function startInProcessWorkers(
  queue: RunQueue,
  n: number,
  execute: RunExecutor,
  options: Partial<Omit<WorkerOptions, 'queue' | 'execute' | 'signal' | 'slots'>> = {},
): InProcessWorkers {
  const workerId = options.workerId ?? defaultWorkerId('serve');
  if (n <= 0) return { workerId, stop: async () => ({ finished: [], lost: [] }) };
  const shutdown = new AbortController();
  const done = runWorker({ ...options, queue, execute, workerId, signal: shutdown.signal, slots: n });
  return {
    workerId,
    stop: async () => {
      shutdown.abort(new Error('server stopping'));
      return done;
    },
  };
}
