// A small pool of worker threads for request work too big for the event loop (issue 16 item 3:
// no request stalls the others). Each task has a time budget and each worker a heap bound:
// a worker over either is terminated (its task rejects with WorkBudgetExceeded) and the next
// task starts a fresh one. Workers start on first use, are unref'd (a pool never keeps the
// process alive) and end after a spell of idleness, so a quiet simulator holds no big heap.
//
// The worker module is found from the package root, never from import.meta.url: in the compiled
// CLI it is its own entry point in dist/ (bin/build.mjs); under tsx/vitest it is the TypeScript
// source, started by worker-boot.mjs, which registers tsx inside the worker first.
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { Worker, type MessagePort } from 'node:worker_threads';
import { packagePath } from '../../model/package-root.ts';
import { COMPILED } from '../../model/precompiled.ts';
import { receivePieces, type PiecesRef } from './worker-pieces.ts';

export interface WorkerPoolOptions {
  /** The worker module: its source path in the package and its entry name in dist/. */
  source: string;
  distName: string;
  /** Workers at most (default: one per spare core, at least 1, at most 2). */
  size?: number;
  /** Old-generation heap of each worker, MB: above it the worker is ended and its task refused. */
  heapMb: number;
  /** A worker idle this long is ended (default 30 s). */
  idleMs?: number;
}

/** The task outlived its time budget, or its worker its heap bound; nothing it did is kept. */
export class WorkBudgetExceeded extends Error {
  override name = 'WorkBudgetExceeded';
  constructor(
    readonly budget: 'time' | 'memory',
    message: string,
  ) {
    super(message);
  }
}

export interface WorkerPool<I, O> {
  /** Runs one task on a worker; rejects with WorkBudgetExceeded past `timeoutMs` or the heap bound. */
  /** `transfer`: buffers (or a port) the task hands to the worker instead of copying. */
  run(input: I, opts: { timeoutMs: number; transfer?: readonly (ArrayBuffer | MessagePort)[] }): Promise<O>;
  close(): Promise<void>;
}

interface Slot {
  worker: Worker;
  busy: boolean;
  idle?: NodeJS.Timeout;
}

interface Task {
  input: unknown;
  timeoutMs: number;
  transfer: readonly (ArrayBuffer | MessagePort)[];
  resolve(v: unknown): void;
  reject(e: unknown): void;
}

/**
 * What a worker posts back: the task's value, or its error as data (Errors do not clone with their
 * class). With `pieces`, the value's long arrays follow on their own port (worker-pieces.ts).
 */
export type WorkerReply =
  | { ok: true; value: unknown; pieces?: PiecesRef }
  | { ok: false; error: { name: string; message: string; stack?: string } };

export function createWorkerPool<I, O>(opts: WorkerPoolOptions): WorkerPool<I, O> {
  const size = opts.size ?? Math.max(1, Math.min(2, availableParallelism() - 1));
  const idleMs = opts.idleMs ?? 30_000;
  const slots = new Set<Slot>();
  const queue: Task[] = [];
  let closed = false;

  const spawn = (): Slot => {
    const worker = startWorker(opts);
    worker.unref();
    const slot: Slot = { worker, busy: false };
    slots.add(slot);
    worker.once('exit', () => slots.delete(slot));
    return slot;
  };

  const retire = (slot: Slot) => {
    slots.delete(slot);
    if (slot.idle) clearTimeout(slot.idle);
    void slot.worker.terminate();
  };

  const pump = () => {
    while (queue.length && !closed) {
      let slot = [...slots].find((s) => !s.busy);
      if (!slot && slots.size < size) slot = spawn();
      if (!slot) return;
      execute(slot, queue.shift()!);
    }
  };

  const execute = (slot: Slot, task: Task) => {
    slot.busy = true;
    if (slot.idle) clearTimeout(slot.idle);
    const { worker } = slot;
    let settled = false;
    const finish = (fn: () => void, keep: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      fn();
      if (keep && !closed) {
        slot.busy = false;
        slot.idle = setTimeout(() => retire(slot), idleMs).unref();
      } else retire(slot);
      pump();
    };
    const timer = setTimeout(
      () =>
        finish(() => task.reject(new WorkBudgetExceeded('time', `the work took longer than its budget of ${task.timeoutMs} ms`)), false),
      task.timeoutMs,
    );
    const onMessage = (reply: WorkerReply) => {
      if (reply.ok && reply.pieces) {
        // The task settles once its pieces are back in place, still within its time budget.
        return void receivePieces(reply.value, reply.pieces, () => settled).then(
          (value) => finish(() => task.resolve(value), true),
          (err: unknown) => finish(() => task.reject(err), true),
        );
      }
      finish(() => (reply.ok ? task.resolve(reply.value) : task.reject(Object.assign(new Error(reply.error.message), reply.error))), true);
    };
    const onError = (err: Error & { code?: string }) =>
      finish(
        () =>
          task.reject(
            err.code === 'ERR_WORKER_OUT_OF_MEMORY'
              ? new WorkBudgetExceeded('memory', `the work needed more than its heap bound of ${opts.heapMb} MB`)
              : err,
          ),
        false,
      );
    const onExit = (code: number) => finish(() => task.reject(new Error(`worker exited with code ${code} during a task`)), false);
    worker.on('message', onMessage);
    worker.once('error', onError);
    worker.once('exit', onExit);
    worker.postMessage(task.input, [...task.transfer]);
  };

  return {
    run(input, { timeoutMs, transfer = [] }) {
      if (closed) return Promise.reject(new Error('the worker pool is closed'));
      return new Promise<O>((resolve, reject) => {
        queue.push({ input, timeoutMs, transfer, resolve: resolve as (v: unknown) => void, reject });
        pump();
      });
    },
    async close() {
      closed = true;
      for (const t of queue.splice(0)) t.reject(new Error('the worker pool is closed'));
      await Promise.all([...slots].map((s) => s.worker.terminate()));
      slots.clear();
    },
  };
}

function startWorker(opts: WorkerPoolOptions): Worker {
  const resourceLimits = { maxOldGenerationSizeMb: opts.heapMb };
  if (COMPILED) return new Worker(packagePath('dist', `${opts.distName}.js`), { resourceLimits });
  return new Worker(packagePath('simulators', 'kit', 'worker-boot.mjs'), {
    resourceLimits,
    workerData: { entry: pathToFileURL(packagePath(opts.source)).href },
  });
}
