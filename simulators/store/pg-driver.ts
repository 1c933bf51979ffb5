// PostgreSQL through a pg Pool; one pooled client per submission inside BEGIN … COMMIT.
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { ExpectationError, type Migrations, UniqueViolation, type Param, type Row, type SqlDriver } from './driver.ts';
import { packagePath } from '../../model/package-root.ts';

const MIGRATIONS: Migrations = {
  dir: 'simulators/store/migrations',
  names: ['postgres-001-init.sql', 'postgres-002-folders.sql', 'postgres-003-exchanges.sql'],
};

/** `?` → `$1, $2 …` (our statements never hold a literal question mark). */
function numbered(sql: string): string {
  let i = 0;
  return sql.replace(/\?/g, () => `$${++i}`);
}

export async function openPostgres(url: string, migrations: Migrations = MIGRATIONS): Promise<SqlDriver> {
  const pool = new pg.Pool({ connectionString: url, max: 8 });
  // An idle client losing its server must not crash the simulator.
  pool.on('error', () => undefined);
  await migrate(pool, migrations);
  return {
    kind: 'postgres',
    async all(sql: string, params: Param[]): Promise<Row[]> {
      return (await pool.query(numbered(sql), params)).rows as Row[];
    },
    async batch(statements) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        for (const st of statements) {
          const r = await client.query(numbered(st.sql), st.params);
          if (st.expectChanges !== undefined && r.rowCount !== st.expectChanges)
            throw new ExpectationError(st.onMismatch ?? 'unexpected row count');
        }
        await client.query('COMMIT');
      } catch (e) {
        await client.query('ROLLBACK').catch(() => undefined);
        if (e instanceof Error && 'code' in e && e.code === '23505') throw new UniqueViolation(e.message);
        throw e;
      } finally {
        client.release();
      }
    },
    async close() {
      await pool.end();
    },
  };
}

async function migrate(pool: pg.Pool, migrations: Migrations): Promise<void> {
  const client = await pool.connect();
  try {
    // Two simulators starting on one database must not both migrate.
    await client.query('SELECT pg_advisory_lock(726431)');
    await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY)');
    const done = new Set((await client.query('SELECT name FROM schema_migrations')).rows.map((r: { name: string }) => r.name));
    for (const name of migrations.names) {
      if (done.has(name)) continue;
      const sql = readFileSync(packagePath(migrations.dir, name), 'utf8');
      await client.query('BEGIN');
      await client.query(sql);
      await client.query('INSERT INTO schema_migrations (name) VALUES ($1)', [name]);
      await client.query('COMMIT');
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock(726431)').catch(() => undefined);
    client.release();
  }
}
