// The RunQueue contract, run on each backend (sql-queue.test.ts on SQLite, sql-queue.int.test.ts
// on a real PostgreSQL). `open` gives a fresh, empty queue each time it is called with no
// argument, and another connection to the same database when given the first one's handle.
import { afterEach, describe, expect, test } from 'vitest';
import type { SqlDriver } from '../../simulators/store/driver.ts';
import type { ProgressEvent } from '../../suites/engine/progress.ts';
import { type SqlRunQueue, sqlRunQueue } from './sql-queue.ts';
import type { RunRequest } from './types.ts';

export interface QueueBackend {
  /** A new empty database; `spec` names it for more connections. */
  fresh(): Promise<{ db: SqlDriver; spec: string }>;
  /** Another connection (pool) to the database `spec` names. */
  connect(spec: string): Promise<SqlDriver>;
}

export const request = (n: number, over: Partial<RunRequest> = {}): RunRequest => ({
  sessionId: 'session-1',
  systemId: `system-${n % 7}`,
  plan: 'wado-rs',
  profileYaml: `name: sut ${n}\n`,
  requestedBy: 'vendor-a',
  ...over,
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const testEnd = (i: number): ProgressEvent => ({ type: 'test-end', testId: `T-${i}`, state: 'pass', done: i, total: 50 });

export function queueSuite(name: string, backend: QueueBackend): void {
  describe(`RunQueue on ${name}`, () => {
    const open: SqlDriver[] = [];
    afterEach(async () => {
      for (const db of open.splice(0)) await db.close();
    });
    const fresh = async (): Promise<{ queue: SqlRunQueue; spec: string }> => {
      const { db, spec } = await backend.fresh();
      open.push(db);
      return { queue: sqlRunQueue(db), spec };
    };
    const another = async (spec: string): Promise<SqlRunQueue> => {
      const db = await backend.connect(spec);
      open.push(db);
      return sqlRunQueue(db);
    };

    test('a queued run reads back as it was asked for, and lists filter by session, system and state', async () => {
      const { queue } = await fresh();
      const a = await queue.enqueue(request(1, { reference: true }));
      const b = await queue.enqueue(request(2, { sessionId: 'session-2', profileYaml: 'x: "é ✓"\n' }));
      expect(a).toMatchObject({ state: 'queued', stopRequested: false, reference: true, plan: 'wado-rs', systemId: 'system-1' });
      expect(a.id).not.toBe(b.id);
      expect(a.workerId).toBeUndefined();
      expect(b.reference).toBeUndefined();
      expect(await queue.get(b.id)).toMatchObject({ profileYaml: 'x: "é ✓"\n', sessionId: 'session-2' });
      expect(await queue.get('no-such-run')).toBeUndefined();
      expect((await queue.list({})).map((r) => r.id)).toEqual([a.id, b.id]);
      expect((await queue.list({ sessionId: 'session-2' })).map((r) => r.id)).toEqual([b.id]);
      expect((await queue.list({ systemId: 'system-1' })).map((r) => r.id)).toEqual([a.id]);
      expect(await queue.list({ states: ['running'] })).toEqual([]);
      expect(await queue.list({ states: [] })).toEqual([]);
    });

    test('claims hand out the oldest queued run first, to one worker, and none when the queue is empty', async () => {
      const { queue } = await fresh();
      const ids = [];
      for (let i = 0; i < 5; i++) ids.push((await queue.enqueue(request(i))).id);
      const claimed = [];
      for (let i = 0; i < 5; i++) claimed.push(await queue.claim(`w${i % 2}`));
      expect(claimed.map((r) => r?.id)).toEqual(ids);
      expect(claimed[0]).toMatchObject({ state: 'running', workerId: 'w0' });
      expect(claimed[0]!.startedAt).toBeDefined();
      expect(claimed[1]).toMatchObject({ workerId: 'w1' });
      expect(await queue.claim('w0')).toBeUndefined();
      expect(await queue.list({ states: ['running'] })).toHaveLength(5);
    });

    test('four connections claiming 200 runs at once: each run claimed exactly once', async () => {
      const { queue, spec } = await fresh();
      const all = new Set<string>();
      for (let i = 0; i < 200; i++) all.add((await queue.enqueue(request(i))).id);
      const queues = [queue, await another(spec), await another(spec), await another(spec)];
      const byWorker = await Promise.all(
        queues.map(async (q, w) => {
          const got: string[] = [];
          // Several claims in flight per connection too.
          await Promise.all(
            [0, 1, 2].map(async () => {
              for (let run = await q.claim(`w${w}`); run; run = await q.claim(`w${w}`)) {
                expect(run.workerId).toBe(`w${w}`);
                got.push(run.id);
              }
            }),
          );
          return got;
        }),
      );
      const claimed = byWorker.flat();
      expect(claimed).toHaveLength(200);
      expect(new Set(claimed)).toEqual(all);
      const rows = await queue.list({});
      for (const [w, ids] of byWorker.entries()) for (const id of ids) expect(rows.find((r) => r.id === id)?.workerId).toBe(`w${w}`);
    });

    test('only the holder finishes a run, and only once; a queued run cannot be finished', async () => {
      const { queue } = await fresh();
      const run = (await queue.enqueue(request(1))).id;
      const waiting = (await queue.enqueue(request(2))).id;
      await queue.claim('w1');
      expect(await queue.finish(run, 'w2', { state: 'passed', summary: 'not mine' })).toBe(false);
      expect(await queue.finish(waiting, 'w1', { state: 'passed', summary: 'not claimed' })).toBe(false);
      expect(
        await queue.finish(run, 'w1', { state: 'failed', summary: 'failed: 1 of 2', runJson: '{"a":1}', outDir: '/data/runs/x' }),
      ).toBe(true);
      expect(await queue.finish(run, 'w1', { state: 'passed', summary: 'again' })).toBe(false);
      expect(await queue.get(run)).toMatchObject({
        state: 'failed',
        summary: 'failed: 1 of 2',
        runJson: '{"a":1}',
        outDir: '/data/runs/x',
      });
      expect((await queue.get(run))!.endedAt).toBeDefined();
      expect(await queue.get(waiting)).toMatchObject({ state: 'queued' });
    });

    test('stop: a queued run is stopped at once and never claimed; a running one is flagged for its worker', async () => {
      const { queue } = await fresh();
      const running = (await queue.enqueue(request(1))).id;
      const queued = (await queue.enqueue(request(2))).id;
      expect((await queue.claim('w1'))?.id).toBe(running);
      await queue.requestStop(queued);
      expect(await queue.get(queued)).toMatchObject({ state: 'stopped', stopRequested: true });
      expect(await queue.claim('w2')).toBeUndefined();
      expect(await queue.isStopRequested(running)).toBe(false);
      await queue.requestStop(running);
      expect(await queue.isStopRequested(running)).toBe(true);
      expect(await queue.get(running)).toMatchObject({ state: 'running', stopRequested: true });
      expect(await queue.finish(running, 'w1', { state: 'stopped', summary: 'stopped: 3 of 41 tests run', runJson: '{}' })).toBe(true);
      // A stop after the end changes nothing.
      await queue.requestStop(running);
      expect(await queue.get(running)).toMatchObject({ state: 'stopped', summary: 'stopped: 3 of 41 tests run' });
      expect(await queue.isStopRequested('no-such-run')).toBe(false);
    });

    test('the reaper interrupts only runs whose worker stopped beating, keeping what the worker checkpointed', async () => {
      const { queue } = await fresh();
      const dead = (await queue.enqueue(request(1))).id;
      const alive = (await queue.enqueue(request(2))).id;
      const waiting = (await queue.enqueue(request(3))).id;
      await queue.claim('dead');
      await queue.claim('alive');
      expect(await queue.checkpoint(dead, 'dead', { outDir: '/data/runs/dead', runJson: '{"partial":true}' })).toBe(true);
      expect(await queue.checkpoint(dead, 'alive', { outDir: '/elsewhere' })).toBe(false);
      expect(await queue.reapInterrupted(5_000)).toEqual([]);
      await sleep(400);
      await queue.heartbeat('alive');
      expect(await queue.reapInterrupted(200)).toEqual([dead]);
      expect(await queue.get(dead)).toMatchObject({ state: 'interrupted', runJson: '{"partial":true}', outDir: '/data/runs/dead' });
      expect((await queue.get(dead))!.summary).toMatch(/interrupted/);
      expect(await queue.get(alive)).toMatchObject({ state: 'running' });
      expect(await queue.get(waiting)).toMatchObject({ state: 'queued' });
      // The worker that was thought dead comes back: its finish is refused, the run stays interrupted.
      expect(await queue.finish(dead, 'dead', { state: 'passed', summary: 'late' })).toBe(false);
      expect(await queue.get(dead)).toMatchObject({ state: 'interrupted' });
      expect(await queue.reapInterrupted(200)).toEqual([]);
    });

    test('events are numbered 1, 2, 3 per run, and a reader asks for those after the last it saw', async () => {
      const { queue, spec } = await fresh();
      const a = (await queue.enqueue(request(1))).id;
      const b = (await queue.enqueue(request(2))).id;
      const other = await another(spec);
      // Two connections appending at once still get distinct numbers.
      await Promise.all([
        ...[1, 2, 3, 4, 5].map((i) => queue.appendEvent(a, testEnd(i))),
        ...[6, 7, 8, 9, 10].map((i) => other.appendEvent(a, testEnd(i))),
        queue.appendEvent(b, { type: 'run-start', planId: 'wado-rs', total: 3 }),
      ]);
      const events = await queue.events(a, 0);
      expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      expect(new Set(events.map((e) => (e.event as { testId: string }).testId)).size).toBe(10);
      expect(events[0]).toMatchObject({ runId: a });
      expect((await queue.events(a, 8)).map((e) => e.seq)).toEqual([9, 10]);
      expect(await queue.events(b, 0)).toMatchObject([{ seq: 1, event: { type: 'run-start', planId: 'wado-rs', total: 3 } }]);
      await expect(queue.appendEvent('no-such-run', testEnd(1))).rejects.toThrow(/no run/);
    });
  });
}
