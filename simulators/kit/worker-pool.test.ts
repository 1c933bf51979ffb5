// The worker pool's contract: values and errors come back, a task past its time budget or a
// worker past its heap bound is refused with WorkBudgetExceeded, and the pool goes on with a
// fresh worker after either.
import { afterAll, describe, expect, test } from 'vitest';
import { createWorkerPool, WorkBudgetExceeded } from './worker-pool.ts';
import type { TestTask } from './worker-pool.test-worker.ts';
import { niceOf, WORKER_NICE } from './thread-priority.ts';

const pool = createWorkerPool<TestTask, unknown>({
  source: 'simulators/kit/worker-pool.test-worker.ts',
  distName: 'unused',
  size: 1,
  heapMb: 48,
});
afterAll(() => pool.close());

// Starting a worker loads tsx and the module in it: seconds on a loaded machine.
const BOOT_MS = 60_000;

describe('worker pool', () => {
  test.runIf(process.platform === 'linux')(
    "a worker thread runs below the event loop's priority; the event loop keeps its own",
    async () => {
      const main = niceOf(process.pid);
      await expect(pool.run({ op: 'nice' }, { timeoutMs: BOOT_MS })).resolves.toBe(Math.max(main, WORKER_NICE));
      expect(niceOf(process.pid)).toBe(main);
    },
    90_000,
  );

  test('returns a task value that crossed to the worker and back', async () => {
    const value = { a: [1, 2, 3], bytes: new Uint8Array([7, 8]) };
    await expect(pool.run({ op: 'echo', value }, { timeoutMs: BOOT_MS })).resolves.toEqual(value);
  }, 90_000);

  test("rejects with the task's own error name and message", async () => {
    await expect(pool.run({ op: 'throw', message: 'bad input' }, { timeoutMs: BOOT_MS })).rejects.toMatchObject({
      name: 'RangeError',
      message: 'bad input',
    });
  }, 90_000);

  test('ends a task past its time budget with WorkBudgetExceeded (time), then serves the next task on a fresh worker', async () => {
    await pool.run({ op: 'echo', value: 'warm' }, { timeoutMs: BOOT_MS });
    const t0 = performance.now();
    const err = await pool.run({ op: 'spin', ms: 30_000 }, { timeoutMs: 300 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WorkBudgetExceeded);
    expect(err).toMatchObject({ budget: 'time' });
    // Refused at the budget, not when the 30 s spin would have ended.
    expect(performance.now() - t0).toBeLessThan(10_000);
    await expect(pool.run({ op: 'echo', value: 'after' }, { timeoutMs: BOOT_MS })).resolves.toBe('after');
  }, 120_000);

  test('ends a worker past its heap bound with WorkBudgetExceeded (memory), then serves the next task', async () => {
    const err = await pool.run({ op: 'grow' }, { timeoutMs: BOOT_MS }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WorkBudgetExceeded);
    expect(err).toMatchObject({ budget: 'memory' });
    await expect(pool.run({ op: 'echo', value: 1 }, { timeoutMs: BOOT_MS })).resolves.toBe(1);
  }, 120_000);

  test('queues tasks beyond its size and answers each', async () => {
    const values = await Promise.all([1, 2, 3, 4].map((v) => pool.run({ op: 'echo', value: v }, { timeoutMs: BOOT_MS })));
    expect(values).toEqual([1, 2, 3, 4]);
  }, 90_000);
});
