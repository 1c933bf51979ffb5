// Child of group-commit.int.test.ts: opens the SQLite driver at argv[2] and sends waves of 40
// concurrent batches (three rows each, the middle one checked), printing `ACK <id>` as each
// promise settles, until killed. Every tenth batch is made to fail (a duplicate key) to show
// that a failing member rolls back alone.
import { openSqlite, stats } from '../sqlite-driver.ts';

const db = openSqlite(process.argv[2]!);
await db.batch([{ sql: 'CREATE TABLE IF NOT EXISTS gc_rows (batch TEXT, part INTEGER, PRIMARY KEY (batch, part))', params: [] }]);
for (let wave = 0; ; wave++) {
  await Promise.all(
    Array.from({ length: 40 }, async (_, i) => {
      const id = `w${wave}b${i}`;
      const dup = i % 10 === 9;
      const rows = [0, 1, dup ? 0 : 2].map((part) => ({ sql: 'INSERT INTO gc_rows (batch, part) VALUES (?, ?)', params: [id, part] }));
      try {
        await db.batch(rows);
        process.stdout.write(`ACK ${id} ${stats.largest}\n`);
      } catch {
        process.stdout.write(`NAK ${id}\n`);
      }
    }),
  );
}
