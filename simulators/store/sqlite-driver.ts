// better-sqlite3 in WAL mode. synchronous=NORMAL in WAL keeps every committed transaction
// across a process kill (only an OS crash can lose the last ones), which is what the
// SIGKILL tests check. Concurrent batches are group-committed (one transaction per event-loop
// turn, a savepoint each), each acknowledged only after its group committed.
import Database from 'better-sqlite3';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ExpectationError, type Migrations, UniqueViolation, type Param, type Row, type SqlDriver, type Statement } from './driver.ts';
import { packagePath } from '../../model/package-root.ts';

const MIGRATIONS: Migrations = {
  dir: 'simulators/store/migrations',
  names: ['sqlite-001-init.sql', 'sqlite-002-folders.sql', 'sqlite-003-exchanges.sql'],
};

export function openSqlite(file: string, migrations: Migrations = MIGRATIONS): SqlDriver {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db, migrations);
  const cache = new Map<string, Database.Statement>();
  const prep = (sql: string) => {
    let s = cache.get(sql);
    if (!s) cache.set(sql, (s = db.prepare(sql)));
    return s;
  };
  const runStatements = (statements: readonly Statement[]) => {
    for (const st of statements) {
      const r = prep(st.sql).run(...st.params);
      if (st.expectChanges !== undefined && r.changes !== st.expectChanges)
        throw new ExpectationError(st.onMismatch ?? 'unexpected row count');
    }
  };
  const runBatch = db.transaction(runStatements);
  // Group commit: every batch asked for in one turn of the event loop runs in one transaction
  // (one WAL commit), each inside its own savepoint (runBatch nested in a transaction is one), so
  // a batch that fails rolls back alone and the others still commit. Each caller's promise
  // settles only after the group's COMMIT returned: nothing is acknowledged before it is durable
  // to the same degree as before (a committed WAL transaction survives a process kill).
  const runGroup = db.transaction((group: readonly Pending[]) => {
    for (const p of group) {
      try {
        runBatch(p.statements);
      } catch (e) {
        p.error = e;
      }
    }
  });
  let queue: Pending[] = [];
  const flush = () => {
    // A sliced transaction holds the connection: the group waits for its end (sliced() flushes then).
    if (slicing) return;
    const group = queue;
    queue = [];
    try {
      if (group.length === 1) runBatch.immediate(group[0]!.statements);
      else runGroup.immediate(group);
    } catch (e) {
      // A single batch's own failure, or the group's COMMIT failing: nothing of the failed part is stored.
      for (const p of group) p.error ??= e;
    }
    stats.groups++;
    stats.largest = Math.max(stats.largest, group.length);
    for (const p of group) {
      if (p.error === undefined) p.resolve();
      else p.reject(translate(p.error));
    }
  };
  // Sliced commit (issue 16 item 3): one transaction of many thousand rows (a 990-document
  // ITI-41, a 10,000-entry ITI-65) held the event loop for ~0.3-1 s, several under load. Such a
  // batch runs in one transaction opened with BEGIN IMMEDIATE and fed SLICE statements per turn
  // of the event loop; it is acknowledged after its COMMIT (a kill before it leaves nothing, as
  // the WAL rolls back an uncommitted transaction). Meanwhile other batches wait in the group
  // queue and reads go to a read-only connection, which sees only committed data: nobody sees
  // the batch in part. An in-memory database has no second connection: its batches stay whole.
  let slicing = false;
  let slicedChain: Promise<void> = Promise.resolve();
  let reader: Database.Database | undefined;
  const readerCache = new Map<string, Database.Statement>();
  const readPrep = (sql: string) => {
    reader ??= new Database(file, { readonly: true });
    let s = readerCache.get(sql);
    if (!s) readerCache.set(sql, (s = reader.prepare(sql)));
    return s;
  };
  const sliced = async (statements: readonly Statement[]) => {
    slicing = true;
    try {
      db.exec('BEGIN IMMEDIATE');
      try {
        for (let at = 0; at < statements.length; at += SLICE) {
          runStatements(statements.slice(at, at + SLICE));
          stats.slices++;
          await new Promise((r) => setImmediate(r));
        }
        db.exec('COMMIT');
      } catch (e) {
        if (db.inTransaction) db.exec('ROLLBACK');
        throw translate(e);
      }
    } finally {
      slicing = false;
      if (queue.length > 0) setImmediate(flush);
    }
  };
  return {
    kind: 'sqlite',
    async all(sql: string, params: Param[]): Promise<Row[]> {
      return (slicing ? readPrep(sql) : prep(sql)).all(...params) as Row[];
    },
    batch(statements) {
      if (file !== ':memory:' && statements.length > SLICED_BATCH) {
        const run = slicedChain.then(() => sliced(statements));
        slicedChain = run.catch(() => undefined);
        return run;
      }
      return new Promise<void>((resolve, reject) => {
        queue.push({ statements, resolve, reject, error: undefined });
        if (queue.length === 1) setImmediate(flush);
      });
    },
    async close() {
      // Batches already asked for are committed (and settled) before the file closes.
      await slicedChain;
      if (queue.length > 0 && db.open) flush();
      if (db.open) db.close();
      reader?.close();
    },
  };
}

/** Batches of more statements than this are committed in slices (a submission of some 250 documents and up). */
export const SLICED_BATCH = 2_000;
/** Statements per turn of the event loop: a few ms of SQLite work each on a quiet machine. */
const SLICE = 250;

interface Pending {
  statements: readonly Statement[];
  resolve(): void;
  reject(e: unknown): void;
  error: unknown;
}

/** How the group commit behaved since start (tests and the bench read it). */
export const stats = { groups: 0, largest: 0, slices: 0 };

function translate(e: unknown): unknown {
  if (e instanceof Error && 'code' in e && String(e.code).startsWith('SQLITE_CONSTRAINT_PRIMARYKEY')) return new UniqueViolation(e.message);
  if (e instanceof Error && 'code' in e && String(e.code).startsWith('SQLITE_CONSTRAINT_UNIQUE')) return new UniqueViolation(e.message);
  return e;
}

function migrate(db: Database.Database, migrations: Migrations): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY)');
  const done = new Set((db.prepare('SELECT name FROM schema_migrations').all() as { name: string }[]).map((r) => r.name));
  for (const name of migrations.names) {
    if (done.has(name)) continue;
    const sql = readFileSync(packagePath(migrations.dir, name), 'utf8');
    db.transaction(() => {
      db.exec(sql);
      db.prepare('INSERT INTO schema_migrations (name) VALUES (?)').run(name);
    })();
  }
}
