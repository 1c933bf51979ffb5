// Where the console gets its run queue and in-process workers: console/queue and console/worker
// (another module's work). Loaded by name so that the pages build and test against the RunQueue
// contract alone; serve says plainly when this build has no queue yet.
import type { SqlDriver } from '../../simulators/store/driver.ts';
import type { RunQueue } from '../queue/types.ts';

export interface Workers {
  stop(): Promise<unknown>;
}

const QUEUE_MODULE = '../queue/sql-queue.ts';
const WORKER_MODULE = '../worker/index.ts';

export async function openRunQueue(db: SqlDriver): Promise<RunQueue> {
  const mod = (await import(QUEUE_MODULE).catch(() => undefined)) as { sqlRunQueue?: (db: SqlDriver) => RunQueue } | undefined;
  if (!mod?.sqlRunQueue) throw new Error('this build has no run queue (console/queue/sql-queue.ts)');
  return mod.sqlRunQueue(db);
}

/** n workers inside this process, or undefined when this build has none (then `mcwg worker` processes run the queue). */
export async function startWorkers(queue: RunQueue, n: number, dataDir: string): Promise<Workers | undefined> {
  if (n <= 0) return undefined;
  const mod = (await import(WORKER_MODULE).catch(() => undefined)) as
    | {
        startInProcessWorkers?: (queue: RunQueue, n: number, ...rest: unknown[]) => Workers;
        planExecutor?: (o: { dataDir: string }) => unknown;
      }
    | undefined;
  if (!mod?.startInProcessWorkers) return undefined;
  return mod.planExecutor ? mod.startInProcessWorkers(queue, n, mod.planExecutor({ dataDir })) : mod.startInProcessWorkers(queue, n);
}
