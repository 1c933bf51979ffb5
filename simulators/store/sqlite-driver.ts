// better-sqlite3 in WAL mode. synchronous=NORMAL in WAL keeps every committed transaction
// across a process kill (only an OS crash can lose the last ones), which is what the
// SIGKILL test checks.
import Database from 'better-sqlite3';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ExpectationError, UniqueViolation, type Param, type Row, type SqlDriver, type Statement } from './driver.ts';
import { packagePath } from '../../model/package-root.ts';

const MIGRATIONS = ['sqlite-001-init.sql', 'sqlite-002-folders.sql', 'sqlite-003-exchanges.sql'];

export function openSqlite(file: string): SqlDriver {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  const cache = new Map<string, Database.Statement>();
  const prep = (sql: string) => {
    let s = cache.get(sql);
    if (!s) cache.set(sql, (s = db.prepare(sql)));
    return s;
  };
  const runBatch = db.transaction((statements: readonly Statement[]) => {
    for (const st of statements) {
      const r = prep(st.sql).run(...st.params);
      if (st.expectChanges !== undefined && r.changes !== st.expectChanges) throw new ExpectationError(st.onMismatch ?? 'unexpected row count');
    }
  });
  return {
    kind: 'sqlite',
    async all(sql: string, params: Param[]): Promise<Row[]> {
      return prep(sql).all(...params) as Row[];
    },
    async batch(statements) {
      try {
        runBatch.immediate(statements);
      } catch (e) {
        if (e instanceof Error && 'code' in e && String(e.code).startsWith('SQLITE_CONSTRAINT_PRIMARYKEY')) throw new UniqueViolation(e.message);
        if (e instanceof Error && 'code' in e && String(e.code).startsWith('SQLITE_CONSTRAINT_UNIQUE')) throw new UniqueViolation(e.message);
        throw e;
      }
    },
    async close() {
      if (db.open) db.close();
    },
  };
}

function migrate(db: Database.Database): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY)');
  const done = new Set((db.prepare('SELECT name FROM schema_migrations').all() as { name: string }[]).map((r) => r.name));
  for (const name of MIGRATIONS) {
    if (done.has(name)) continue;
    const sql = readFileSync(packagePath('simulators/store/migrations', name), 'utf8');
    db.transaction(() => {
      db.exec(sql);
      db.prepare('INSERT INTO schema_migrations (name) VALUES (?)').run(name);
    })();
  }
}
