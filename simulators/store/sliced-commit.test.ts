// Sliced commit on SQLite (issue 16 item 3): a batch of thousands of statements is one
// transaction fed a slice per turn of the event loop. While it runs, timers fire, reads see
// none of it, and other batches wait for it; it is acknowledged after its COMMIT; when it fails,
// none of it is stored.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { UniqueViolation, type Statement } from './driver.ts';
import { openSqlite, SLICED_BATCH, stats } from './sqlite-driver.ts';

const dir = mkdtempSync(join(tmpdir(), 'mcwg-sliced-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const rows = (n: number, prefix: string): Statement[] =>
  Array.from({ length: n }, (_, i) => ({ sql: 'INSERT INTO t (k, v) VALUES (?, ?)', params: [`${prefix}${i}`, i] }));

describe('SQLite sliced commit', () => {
  test('a big batch yields to the event loop; reads meanwhile see none of it; a small batch waits for it; both are stored', async () => {
    const db = openSqlite(join(dir, 'ok.sqlite'));
    await db.batch([{ sql: 'CREATE TABLE t (k TEXT PRIMARY KEY, v INTEGER)', params: [] }]);
    const slices = stats.slices;
    const n = 4 * SLICED_BATCH;
    let acked = false;
    const order: string[] = [];
    const big = db.batch(rows(n, 'big')).then(() => {
      acked = true;
      order.push('big');
    });
    let small: Promise<unknown> | undefined;
    const seen: number[] = [];
    let ticks = 0;
    // Timers keep firing while it commits, and every read sees it whole or not at all.
    while (!acked) {
      await new Promise((r) => setTimeout(r, 0));
      ticks++;
      seen.push(Number((await db.all("SELECT COUNT(*) AS n FROM t WHERE k LIKE 'big%'", []))[0]!.n));
      if (ticks === 2) small = db.batch(rows(1, 'small')).then(() => order.push('small'));
    }
    await big;
    await small;
    expect(order).toEqual(['big', 'small']);
    expect(stats.slices - slices).toBeGreaterThan(4);
    expect(ticks).toBeGreaterThan(2);
    expect(seen.every((c) => c === 0 || c === n)).toBe(true);
    expect(seen).toContain(0);
    expect(Number((await db.all('SELECT COUNT(*) AS n FROM t', []))[0]!.n)).toBe(n + 1);
    await db.close();
  });

  test('a big batch that fails on its last statement stores nothing and rejects as the group commit does; the next batch commits', async () => {
    const db = openSqlite(join(dir, 'fail.sqlite'));
    await db.batch([{ sql: 'CREATE TABLE t (k TEXT PRIMARY KEY, v INTEGER)', params: [] }]);
    await db.batch(rows(1, 'dup'));
    const bad = [...rows(3 * SLICED_BATCH, 'big'), ...rows(1, 'dup')];
    await expect(db.batch(bad)).rejects.toBeInstanceOf(UniqueViolation);
    expect(Number((await db.all('SELECT COUNT(*) AS n FROM t', []))[0]!.n)).toBe(1);
    await db.batch(rows(3 * SLICED_BATCH, 'again'));
    expect(Number((await db.all('SELECT COUNT(*) AS n FROM t', []))[0]!.n)).toBe(1 + 3 * SLICED_BATCH);
    await db.close();
  });
});
