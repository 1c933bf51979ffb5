// The SQLite writer thread (issue 16 item 3): a batch of thousands of statements is one
// transaction on the writer thread, fed a few ms of statements per turn of the event loop.
// While it runs, timers fire, reads see none of it, and other batches wait for it; it is
// acknowledged after its COMMIT; when it fails, none of it is stored.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { ExpectationError, UniqueViolation, type Statement } from './driver.ts';
import { openSqlite, WRITER_BATCH, stats } from './sqlite-driver.ts';

const dir = mkdtempSync(join(tmpdir(), 'mcwg-writer-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const rows = (n: number, prefix: string): Statement[] =>
  Array.from({ length: n }, (_, i) => ({ sql: 'INSERT INTO t (k, v) VALUES (?, ?)', params: [`${prefix}${i}`, i] }));

describe('SQLite big batches on the writer thread', () => {
  test('a big batch yields to the event loop; reads meanwhile see none of it; a small batch waits for it; both are stored', async () => {
    const db = openSqlite(join(dir, 'ok.sqlite'));
    await db.batch([{ sql: 'CREATE TABLE t (k TEXT PRIMARY KEY, v INTEGER)', params: [] }]);
    const onWriter = stats.onWriter;
    const n = 4 * WRITER_BATCH;
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
    expect(stats.onWriter - onWriter).toBe(1);
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
    const bad = [...rows(3 * WRITER_BATCH, 'big'), ...rows(1, 'dup')];
    await expect(db.batch(bad)).rejects.toBeInstanceOf(UniqueViolation);
    expect(Number((await db.all('SELECT COUNT(*) AS n FROM t', []))[0]!.n)).toBe(1);
    await db.batch(rows(3 * WRITER_BATCH, 'again'));
    expect(Number((await db.all('SELECT COUNT(*) AS n FROM t', []))[0]!.n)).toBe(1 + 3 * WRITER_BATCH);
    await db.close();
  });

  test('a Buffer that views part of a larger buffer is stored as its own bytes; an unmet row count rejects as ExpectationError', async () => {
    const db = openSqlite(join(dir, 'bytes.sqlite'));
    await db.batch([{ sql: 'CREATE TABLE d (k TEXT PRIMARY KEY, content BLOB)', params: [] }]);
    // As the documents of an MTOM request: views into one body buffer.
    const body = Buffer.alloc(1024 * 1024, 7);
    const docs = Array.from({ length: 2 * WRITER_BATCH }, (_, i) => {
      const view = body.subarray(i * 100, i * 100 + 10);
      view.writeUInt32BE(i);
      return { sql: 'INSERT INTO d (k, content) VALUES (?, ?)', params: [`doc${i}`, view] } as Statement;
    });
    await db.batch(docs);
    const got = await db.all("SELECT content FROM d WHERE k IN ('doc0', 'doc3999') ORDER BY k", []);
    expect(got.map((r) => Buffer.from(r.content as Uint8Array).toString('hex'))).toEqual(['00000000070707070707', '00000f9f070707070707']);
    const unmet: Statement = {
      sql: "UPDATE d SET content = NULL WHERE k = 'none'",
      params: [],
      expectChanges: 1,
      onMismatch: 'document none is no longer Approved',
    };
    const err = await db
      .batch([...rows(WRITER_BATCH + 1, 'more').map((r) => ({ ...r, sql: 'INSERT INTO d (k, content) VALUES (?, ?)' })), unmet])
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ExpectationError);
    expect((err as Error).message).toBe('document none is no longer Approved');
    expect(Number((await db.all("SELECT COUNT(*) AS n FROM d WHERE k LIKE 'more%'", []))[0]!.n)).toBe(0);
    await db.close();
  });

  test('the backlog a writer-thread batch leaves commits in groups of 1,000 statements at most, over several turns, all of it', async () => {
    const db = openSqlite(join(dir, 'backlog.sqlite'));
    await db.batch([{ sql: 'CREATE TABLE t (k TEXT PRIMARY KEY, v INTEGER)', params: [] }]);
    const big = db.batch(rows(WRITER_BATCH + 1, 'big'));
    // 3,000 small batches of one row each (as exchanges recorded while the big one commits).
    await new Promise((r) => setImmediate(r));
    const groups = stats.groups;
    const largest = stats.largest;
    const small = Array.from({ length: 3_000 }, (_, i) => db.batch(rows(1, `small${i}`)));
    await Promise.all([big, ...small]);
    expect(stats.groups - groups).toBeGreaterThanOrEqual(3);
    expect(stats.largest).toBeLessThanOrEqual(Math.max(largest, 1_000));
    expect(Number((await db.all('SELECT COUNT(*) AS n FROM t', []))[0]!.n)).toBe(WRITER_BATCH + 1 + 3_000);
    await db.close();
  });

  test('closing with more queued than one group takes commits and settles all of it first', async () => {
    const file = join(dir, 'close-backlog.sqlite');
    const db = openSqlite(file);
    await db.batch([{ sql: 'CREATE TABLE t (k TEXT PRIMARY KEY, v INTEGER)', params: [] }]);
    const small = Array.from({ length: 2_500 }, (_, i) => db.batch(rows(1, `q${i}`)));
    await db.close();
    expect((await Promise.allSettled(small)).every((r) => r.status === 'fulfilled')).toBe(true);
    const again = openSqlite(file);
    expect(Number((await again.all('SELECT COUNT(*) AS n FROM t', []))[0]!.n)).toBe(2_500);
    await again.close();
  });
});
