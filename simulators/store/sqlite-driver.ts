// better-sqlite3 in WAL mode. synchronous=NORMAL in WAL keeps every committed transaction
// across a process kill (only an OS crash can lose the last ones), which is what the
// SIGKILL tests check. Concurrent batches are group-committed (one transaction per event-loop
// turn, a savepoint each), each acknowledged only after its group committed. Big batches and the
// WAL checkpoints run on the writer thread (sqlite-writer.ts, wal-checkpoint.ts), not on the loop.
import Database from 'better-sqlite3';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ExpectationError, type Migrations, UniqueViolation, type Param, type Row, type SqlDriver, type Statement } from './driver.ts';
import { packagePath } from '../../model/package-root.ts';
import { pacer } from '../kit/pacer.ts';
import { WorkBudgetExceeded } from '../kit/worker-pool.ts';
import { batchOnWriter, checkpointOnWriter, releaseOnWriter, restartOnWriter } from './sqlite-writer.ts';
import { bytesOf, walCheckpointer, type WalCheckpointerOptions } from './wal-checkpoint.ts';

const MIGRATIONS: Migrations = {
  dir: 'simulators/store/migrations',
  names: ['sqlite-001-init.sql', 'sqlite-002-folders.sql', 'sqlite-003-exchanges.sql'],
};

export interface SqliteOptions {
  /** The checkpointer's thresholds and runner (tests); a file database only. */
  checkpoint?: Partial<Pick<WalCheckpointerOptions, 'everyBytes' | 'restartFrames' | 'run' | 'restart'>>;
}

export function openSqlite(file: string, migrations: Migrations = MIGRATIONS, opts: SqliteOptions = {}): SqlDriver {
  const onDisk = file !== ':memory:';
  if (onDisk) mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db, migrations);
  // A file database hands its big batches and its checkpoints to the writer thread
  // (sqlite-writer.ts) while that works; then, or in memory, everything runs here.
  let writerWorks = onDisk;
  let writerUsed = false;
  const checkpointer = onDisk
    ? walCheckpointer({
        run: () => {
          writerUsed = true;
          return checkpointOnWriter(file);
        },
        restart: () => exclusive(() => restartOnWriter(file)),
        ...opts.checkpoint,
        unavailable: () => writerFailed(),
      })
    : undefined;
  if (checkpointer) db.pragma('wal_autocheckpoint = 0');
  /** No writer thread (it could not start, or failed): SQLite's automatic checkpoint again, big batches here. */
  const writerFailed = () => {
    writerWorks = false;
    if (db.open) db.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`);
  };
  const committed = (bytes: number) => {
    if (checkpointer && writerWorks) checkpointer.committed(bytes);
  };
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
  let flushScheduled = false;
  /** One flush per turn at most, whoever asks (a new batch, a group that left some, the writer thread done). */
  const scheduleFlush = () => {
    if (flushScheduled || queue.length === 0) return;
    flushScheduled = true;
    setImmediate(flush);
  };
  const flush = () => {
    flushScheduled = false;
    // The writer thread holds the write lock: the group waits for its COMMIT (exclusive() schedules a flush then).
    if (writerBusy || queue.length === 0) return;
    // A group holds GROUP_STATEMENTS at most (at least one batch): the backlog a writer-thread
    // transaction leaves (thousands of exchanges recorded meanwhile) commits over several turns.
    let take = 0;
    for (let n = 0; take < queue.length && (take === 0 || n + queue[take]!.statements.length <= GROUP_STATEMENTS); take++)
      n += queue[take]!.statements.length;
    const group = queue.slice(0, take);
    queue = queue.slice(take);
    scheduleFlush();
    try {
      if (group.length === 1) runBatch.immediate(group[0]!.statements);
      else runGroup.immediate(group);
    } catch (e) {
      // A single batch's own failure, or the group's COMMIT failing: nothing of the failed part is stored.
      for (const p of group) p.error ??= e;
    }
    stats.groups++;
    stats.largest = Math.max(stats.largest, group.length);
    let bytes = 0;
    for (const p of group) {
      if (p.error === undefined) {
        bytes += bytesOf(p.statements);
        p.resolve();
      } else p.reject(translate(p.error));
    }
    if (bytes > 0) committed(bytes);
  };
  // A big batch (issue 16 item 3: a 990-document ITI-41, a 10,000-entry ITI-65; on the event
  // loop its transaction held it ~0.3-1 s, its COMMIT alone 50-70 ms) is one transaction on the
  // writer thread, acknowledged after its COMMIT there. Meanwhile other batches wait in the group
  // queue (the writer holds the write lock) and reads here see the last committed state: nobody
  // sees the batch in part.
  let writerBusy = false;
  let writerChain: Promise<void> = Promise.resolve();
  /** `work` on the writer thread once the ones before it are done; this connection's writes wait meanwhile. */
  const exclusive = (work: () => Promise<void>): Promise<void> => {
    const run = writerChain.then(async () => {
      writerBusy = true;
      try {
        await work();
      } finally {
        writerBusy = false;
        scheduleFlush();
      }
    });
    writerChain = run.catch(() => undefined);
    return run;
  };
  const onWriter = async (statements: readonly Statement[]) => {
    try {
      writerUsed = true;
      await batchOnWriter(file, statements, pacer());
      stats.onWriter++;
    } catch (e) {
      if (isSqlFailure(e) || e instanceof WorkBudgetExceeded) throw translate(e);
      // The thread failed (could not start, or died), so its transaction is gone: the batch runs here whole.
      writerFailed();
      runBatch.immediate(statements);
    }
    committed(bytesOf(statements));
  };
  return {
    kind: 'sqlite',
    async all(sql: string, params: Param[]): Promise<Row[]> {
      return prep(sql).all(...params) as Row[];
    },
    batch(statements) {
      if (writerWorks && statements.length > WRITER_BATCH) return exclusive(() => onWriter(statements));
      return new Promise<void>((resolve, reject) => {
        queue.push({ statements, resolve, reject, error: undefined });
        scheduleFlush();
      });
    },
    async close() {
      // Batches already asked for are committed (and settled) before the file closes.
      await writerChain;
      // All of the queue: a group takes GROUP_STATEMENTS at most.
      while (queue.length > 0 && db.open && !writerBusy) flush();
      await checkpointer?.settle();
      // The writer's connection closes first, so this one is the last and removes the WAL.
      if (writerUsed && writerWorks) await releaseOnWriter(file).catch(() => undefined);
      if (db.open) db.close();
    },
  };
}

/** Batches of more statements than this go to the writer thread (a submission of some 250 documents and up). */
export const WRITER_BATCH = 2_000;
/** Statements one group commit takes at most; the rest of the queue waits for the next turn. */
const GROUP_STATEMENTS = 1_000;
/** SQLite's default automatic checkpoint, used again when the writer thread is unavailable. */
const AUTOCHECKPOINT_PAGES = 1000;

interface Pending {
  statements: readonly Statement[];
  resolve(): void;
  reject(e: unknown): void;
  error: unknown;
}

/** How the group commit behaved since start (tests and the bench read it). */
export const stats = { groups: 0, largest: 0, onWriter: 0 };

/** An error SQLite raised for the statements themselves (from this thread or the writer's), not a failure of the thread. */
function isSqlFailure(e: unknown): boolean {
  return e instanceof Error && (e.name === 'ExpectationError' || ('code' in e && String(e.code).startsWith('SQLITE_')));
}

function translate(e: unknown): unknown {
  // An ExpectationError from the writer thread arrives as plain data with its name.
  if (e instanceof Error && e.name === 'ExpectationError' && !(e instanceof ExpectationError)) return new ExpectationError(e.message);
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
