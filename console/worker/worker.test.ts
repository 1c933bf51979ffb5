// The worker loop on a SQLite queue with executors that stand in for the engine.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, test } from 'vitest';
import type { SqlDriver } from '../../simulators/store/driver.ts';
import { request } from '../queue/queue.test-kit.ts';
import { sqlRunQueue } from '../queue/sql-queue.ts';
import type { RunOutcome } from '../queue/types.ts';
import { openConsoleDb } from '../store/db.ts';
import { type RunExecutor, runWorker, startInProcessWorkers } from './index.ts';

const dir = mkdtempSync(join(tmpdir(), 'mcwg-worker-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const dbs: SqlDriver[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.close();
});
async function fresh() {
  const spec = `sqlite:${join(dir, `w${++n}.db`)}`;
  const db = await openConsoleDb(spec);
  dbs.push(db);
  return { queue: sqlRunQueue(db), spec };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const until = async (what: () => Promise<boolean>, ms = 10_000) => {
  const end = Date.now() + ms;
  while (!(await what())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await sleep(20);
  }
};

/** Reports three tests, then passes (or waits for its signal when `hold` is set). */
const fakeRun =
  (opts: { hold?: boolean; log?: string[] } = {}): RunExecutor =>
  async (run, ctx) => {
    opts.log?.push(run.id);
    await ctx.checkpoint({ outDir: `/data/runs/${run.id}` });
    ctx.onProgress({ type: 'run-start', planId: run.plan, total: 3 });
    for (let i = 1; i <= 3; i++) ctx.onProgress({ type: 'test-end', testId: `T-${i}`, state: 'pass', done: i, total: 3 });
    if (opts.hold) {
      await new Promise<void>((resolve) => ctx.signal.addEventListener('abort', () => resolve(), { once: true }));
      return { state: 'passed', summary: '3 of 41 tests run, all passed', runJson: '{"incomplete":true}' } satisfies RunOutcome;
    }
    return { state: 'passed', summary: `passed: 3 tests (${run.systemId})`, runJson: '{"ok":true}' };
  };

describe('runWorker', () => {
  test('drains the queue in order, storing each run outcome and its events', async () => {
    const { queue } = await fresh();
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push((await queue.enqueue(request(i))).id);
    const seen: string[] = [];
    const stop = new AbortController();
    const worker = runWorker({ queue, workerId: 'w1', execute: fakeRun({ log: seen }), signal: stop.signal, pollMs: 20 });
    await until(async () => (await queue.list({ states: ['passed'] })).length === 3);
    stop.abort();
    expect(await worker).toEqual({ finished: ids, lost: [] });
    expect(seen).toEqual(ids);
    const run = await queue.get(ids[1]!);
    expect(run).toMatchObject({ state: 'passed', workerId: 'w1', runJson: '{"ok":true}', outDir: `/data/runs/${ids[1]}` });
    const events = await queue.events(ids[1]!, 0);
    expect(events.map((e) => [e.seq, e.event.type])).toEqual([
      [1, 'run-start'],
      [2, 'test-end'],
      [3, 'test-end'],
      [4, 'test-end'],
    ]);
  });

  test('a stop asked from the console aborts the run, which ends stopped with its partial results', async () => {
    const { queue } = await fresh();
    const id = (await queue.enqueue(request(1))).id;
    const shutdown = new AbortController();
    const worker = runWorker({ queue, workerId: 'w1', execute: fakeRun({ hold: true }), signal: shutdown.signal, pollMs: 20 });
    await until(async () => (await queue.events(id, 0)).length === 4);
    expect((await queue.get(id))!.state).toBe('running');
    await queue.requestStop(id);
    await until(async () => (await queue.get(id))!.state !== 'running');
    const run = await queue.get(id);
    expect(run).toMatchObject({ state: 'stopped', runJson: '{"incomplete":true}' });
    expect(run!.summary).toMatch(/^stopped \(stopped from the console\): 3 of 41 tests run/);
    shutdown.abort();
    expect((await worker).finished).toEqual([id]);
  });

  test('shutting the worker down stops its run in progress (partial kept) and claims nothing more', async () => {
    const { queue } = await fresh();
    const first = (await queue.enqueue(request(1))).id;
    const second = (await queue.enqueue(request(2))).id;
    const shutdown = new AbortController();
    const worker = runWorker({ queue, workerId: 'w1', execute: fakeRun({ hold: true }), signal: shutdown.signal, pollMs: 20 });
    await until(async () => (await queue.events(first, 0)).length === 4);
    shutdown.abort();
    expect(await worker).toEqual({ finished: [first], lost: [] });
    expect(await queue.get(first)).toMatchObject({ state: 'stopped', runJson: '{"incomplete":true}' });
    expect((await queue.get(first))!.summary).toMatch(/worker shutting down/);
    expect(await queue.get(second)).toMatchObject({ state: 'queued' });
  });

  test('an executor that throws ends its run in error, and the worker goes on with the next', async () => {
    const { queue } = await fresh();
    const bad = (await queue.enqueue(request(1, { plan: 'broken' }))).id;
    const good = (await queue.enqueue(request(2))).id;
    const stop = new AbortController();
    const execute: RunExecutor = async (run, ctx) => {
      if (run.plan === 'broken') throw new Error('plan broken\nfailed to load');
      return fakeRun()(run, ctx);
    };
    const worker = runWorker({ queue, workerId: 'w1', execute, signal: stop.signal, pollMs: 20 });
    await until(async () => (await queue.list({ states: ['queued', 'running'] })).length === 0);
    stop.abort();
    await worker;
    expect(await queue.get(bad)).toMatchObject({ state: 'error', summary: 'error: plan broken failed to load' });
    expect(await queue.get(good)).toMatchObject({ state: 'passed' });
  });

  test("a live worker reaps the run of a worker that stopped beating; that worker's late finish is refused", async () => {
    const { queue } = await fresh();
    const orphan = (await queue.enqueue(request(1))).id;
    // A worker that claimed and then went silent (killed).
    expect((await queue.claim('ghost'))?.id).toBe(orphan);
    const stop = new AbortController();
    const worker = runWorker({ queue, workerId: 'w1', execute: fakeRun(), signal: stop.signal, pollMs: 20, heartbeatMs: 50, staleMs: 300 });
    await sleep(100);
    expect((await queue.get(orphan))!.state).toBe('running');
    await until(async () => (await queue.get(orphan))!.state === 'interrupted');
    // w1 itself keeps beating: nothing of its own is reaped.
    const next = (await queue.enqueue(request(2))).id;
    await until(async () => (await queue.get(next))!.state === 'passed');
    stop.abort();
    await worker;
    expect(await queue.finish(orphan, 'ghost', { state: 'passed', summary: 'late' })).toBe(false);
  });

  test('two workers on one database drain 30 runs, each run executed once', async () => {
    const { queue, spec } = await fresh();
    const other = await openConsoleDb(spec);
    dbs.push(other);
    for (let i = 0; i < 30; i++) await queue.enqueue(request(i));
    const executed: string[] = [];
    const execute: RunExecutor = async (run, ctx) => {
      executed.push(run.id);
      await sleep(5);
      return fakeRun()(run, ctx);
    };
    const stop = new AbortController();
    const workers = [
      runWorker({ queue, workerId: 'a', execute, signal: stop.signal, pollMs: 10, slots: 2 }),
      runWorker({ queue: sqlRunQueue(other), workerId: 'b', execute, signal: stop.signal, pollMs: 10, slots: 2 }),
    ];
    await until(async () => (await queue.list({ states: ['passed'] })).length === 30);
    stop.abort();
    const [a, b] = await Promise.all(workers);
    expect(executed).toHaveLength(30);
    expect(new Set(executed).size).toBe(30);
    expect([...a!.finished, ...b!.finished].sort()).toEqual([...executed].sort());
  });
});

describe('startInProcessWorkers', () => {
  test('runs n at once next to the pages and stops them on demand', async () => {
    const { queue } = await fresh();
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push((await queue.enqueue(request(i))).id);
    const workers = startInProcessWorkers(queue, 2, fakeRun({ hold: true }), { pollMs: 20 });
    expect(workers.workerId).toMatch(/^serve-/);
    await until(async () => (await queue.list({ states: ['running'] })).length === 2);
    expect((await queue.get(ids[2]!))!.state).toBe('queued');
    const report = await workers.stop();
    expect(report.finished.sort()).toEqual([ids[0], ids[1]].sort());
    expect((await queue.list({ states: ['stopped'] })).map((r) => r.id).sort()).toEqual([ids[0], ids[1]].sort());
  });

  test('n = 0 starts nothing', async () => {
    const { queue } = await fresh();
    const id = (await queue.enqueue(request(1))).id;
    const workers = startInProcessWorkers(queue, 0, fakeRun());
    await sleep(100);
    expect(await workers.stop()).toEqual({ finished: [], lost: [] });
    expect((await queue.get(id))!.state).toBe('queued');
  });
});
