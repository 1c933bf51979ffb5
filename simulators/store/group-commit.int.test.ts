// Group commit on SQLite (issue 17 item 5): concurrent batches share one transaction, each in
// its own savepoint, and each is acknowledged only after the shared COMMIT. SIGKILL the process
// while it commits waves of concurrent batches: every acknowledged batch is there whole, no
// failed one left a row, and no batch is there in part.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, test } from 'vitest';
import { UniqueViolation } from './driver.ts';
import { openSqlite, stats } from './sqlite-driver.ts';

const dir = mkdtempSync(join(tmpdir(), 'mcwg-group-commit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const CHILD = fileURLToPath(new URL('testdata/group-commit-child.ts', import.meta.url));

describe('SQLite group commit', () => {
  test('concurrent batches commit together; a failing one rolls back alone; each settles after the commit is visible', async () => {
    const file = join(dir, 'unit.sqlite');
    const db = openSqlite(file);
    await db.batch([{ sql: 'CREATE TABLE t (k TEXT PRIMARY KEY, v INTEGER)', params: [] }]);
    const groupsBefore = stats.groups;
    const other = new Database(file, { readonly: true });
    const seen: number[] = [];
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        db
          .batch([
            { sql: 'INSERT INTO t (k, v) VALUES (?, ?)', params: [`a${i}`, i] },
            // Batch 7 collides with batch 3's key: it fails, its first row must not survive.
            { sql: 'INSERT INTO t (k, v) VALUES (?, ?)', params: [i === 7 ? 'b3' : `b${i}`, i] },
          ])
          .then(() => {
            // Another connection already sees this batch's rows: acknowledged means committed.
            seen.push((other.prepare('SELECT COUNT(*) AS n FROM t WHERE v = ?').get(i) as { n: number }).n);
          }),
      ),
    );
    expect(stats.groups - groupsBefore).toBe(1);
    expect(results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason)).toEqual([
      expect.any(UniqueViolation),
    ]);
    expect(results[7]!.status).toBe('rejected');
    expect(seen).toEqual(Array(19).fill(2));
    expect(other.prepare('SELECT COUNT(*) AS n FROM t').get()).toEqual({ n: 38 });
    expect(other.prepare("SELECT COUNT(*) AS n FROM t WHERE k = 'a7'").get()).toEqual({ n: 0 });
    other.close();
    await db.close();
  });

  test('SIGKILL while groups commit: every acknowledged batch survives whole, none in part', async () => {
    const file = join(dir, 'kill.sqlite');
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, file], { stdio: ['ignore', 'pipe', 'inherit'] });
    const acked: string[] = [];
    const naked: string[] = [];
    let largest = 0;
    const exited = new Promise<string | null>((r) => child.on('exit', (_c, sig) => r(sig)));
    for await (const line of createInterface({ input: child.stdout! })) {
      const [kind, id, big] = line.split(' ');
      if (kind === 'ACK') {
        acked.push(id!);
        largest = Math.max(largest, Number(big));
      } else if (kind === 'NAK') naked.push(id!);
      if (acked.length >= 300) {
        child.kill('SIGKILL');
        break;
      }
    }
    expect(await exited).toBe('SIGKILL');
    // The batched path was taken: groups of more than one batch were committed.
    expect(largest).toBeGreaterThan(1);
    const db = new Database(file, { readonly: true });
    const parts = new Map(
      (db.prepare('SELECT batch, COUNT(*) AS n FROM gc_rows GROUP BY batch').all() as { batch: string; n: number }[]).map((r) => [
        r.batch,
        r.n,
      ]),
    );
    for (const id of acked) expect(parts.get(id), id).toBe(3);
    for (const id of naked) expect(parts.get(id), id).toBeUndefined();
    expect([...parts.values()].every((n) => n === 3)).toBe(true);
    db.close();
  }, 60_000);
});
