// WAL checkpoints off the event loop (issue 16 item 3): when the checkpointer asks for one, that
// one runs at a time, that a long WAL gets a RESTART checkpoint after the PASSIVE one, that a
// failing writer thread hands checkpoints back to SQLite; and, on a real file, that the WAL
// stays bounded under a stream of commits and the data is all there after reopening.
import { statSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import type { Statement } from './driver.ts';
import { openSqlite } from './sqlite-driver.ts';
import type { CheckpointResult } from './sqlite-writer.ts';
import { checkpointStats, walCheckpointer } from './wal-checkpoint.ts';

const dir = mkdtempSync(join(tmpdir(), 'mcwg-wal-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A checkpointer over a runner the test settles by hand. */
function harness(restartFrames = 1000) {
  const calls: ((r: CheckpointResult) => void)[] = [];
  const log: string[] = [];
  const cp = walCheckpointer({
    everyBytes: 100,
    restartFrames,
    run: () => new Promise((resolve) => calls.push(resolve)),
    restart: async () => {
      log.push('restart');
    },
    unavailable: () => log.push('unavailable'),
  });
  return { cp, calls, log };
}
const settle = () => new Promise((r) => setImmediate(r));

describe('the WAL checkpointer', () => {
  test('asks for a checkpoint once enough is written, one at a time, and again when more was written meanwhile', async () => {
    const { cp, calls } = harness();
    cp.committed(60);
    expect(calls).toHaveLength(0);
    cp.committed(60);
    expect(calls).toHaveLength(1);
    cp.committed(500);
    expect(calls).toHaveLength(1);
    calls[0]!({ busy: 0, log: 10, checkpointed: 10 });
    await settle();
    expect(calls).toHaveLength(2);
    calls[1]!({ busy: 0, log: 10, checkpointed: 10 });
    await cp.settle();
    cp.committed(50);
    await settle();
    expect(calls).toHaveLength(2);
  });

  test('a WAL of restartFrames frames or more gets a RESTART checkpoint after the PASSIVE one; a shorter one does not', async () => {
    const { cp, calls, log } = harness(1000);
    cp.committed(200);
    calls[0]!({ busy: 0, log: 999, checkpointed: 999 });
    await cp.settle();
    expect(log).toEqual([]);
    cp.committed(200);
    calls[1]!({ busy: 0, log: 1500, checkpointed: 1400 });
    await cp.settle();
    expect(log).toEqual(['restart']);
  });

  test('a failing runner makes the caller fall back, and no checkpoint is asked for after', async () => {
    const failed = checkpointStats.failed;
    const log: string[] = [];
    let runs = 0;
    const cp = walCheckpointer({
      everyBytes: 1,
      run: () => {
        runs++;
        return Promise.reject(new Error('worker exited with code 1 during a task'));
      },
      restart: async () => {
        log.push('restart');
      },
      unavailable: (e) => log.push(`unavailable: ${(e as Error).message}`),
    });
    cp.committed(10);
    await cp.settle();
    cp.committed(10);
    await cp.settle();
    expect(runs).toBe(1);
    expect(log).toEqual(['unavailable: worker exited with code 1 during a task']);
    expect(checkpointStats.failed - failed).toBe(1);
  });

  test('on a file: a stream of commits keeps the WAL bounded, checkpointed on the writer thread; all rows are there after reopening', async () => {
    const file = join(dir, 'stream.sqlite');
    // 64 KiB between checkpoints, restart from 256 frames (1 MiB): 20 MB are written in all.
    const db = openSqlite(file, undefined, { checkpoint: { everyBytes: 64 * 1024, restartFrames: 256 } });
    await db.batch([{ sql: 'CREATE TABLE t (k INTEGER PRIMARY KEY, v TEXT)', params: [] }]);
    const value = 'x'.repeat(2000);
    // The writer thread starts on the first checkpoint (under vitest, with tsx, some 100s of ms): started first, outside the stream.
    const first = checkpointStats.passive;
    await db.batch([{ sql: 'INSERT INTO t (k, v) VALUES (?, ?)', params: [-1, 'y'.repeat(70_000)] }]);
    while (checkpointStats.passive === first) await new Promise((r) => setTimeout(r, 10));
    const before = { ...checkpointStats };
    let walMax = 0;
    for (let round = 0; round < 100; round++) {
      const rows: Statement[] = Array.from({ length: 100 }, (_, i) => ({
        sql: 'INSERT INTO t (k, v) VALUES (?, ?)',
        params: [round * 100 + i, value],
      }));
      // Ten batches per turn, group-committed, as concurrent submissions would be.
      await Promise.all(Array.from({ length: 10 }, (_, b) => db.batch(rows.slice(b * 10, b * 10 + 10))));
      walMax = Math.max(walMax, statSync(`${file}-wal`).size);
    }
    expect(checkpointStats.passive - before.passive).toBeGreaterThan(5);
    expect(checkpointStats.restart - before.restart).toBeGreaterThan(0);
    // Without checkpoints the WAL would hold all 20 MB; the bound is the restart size plus what one checkpoint lags.
    expect(walMax).toBeLessThan(8 * 1024 * 1024);
    await db.close();
    const again = openSqlite(file);
    expect(Number((await again.all('SELECT COUNT(*) AS n FROM t', []))[0]!.n)).toBe(10_001);
    expect((await again.all('PRAGMA integrity_check', []))[0]).toEqual({ integrity_check: 'ok' });
    await again.close();
  });
});
