// The console's database: the same drivers as the simulators' store (SQLite by default,
// PostgreSQL for events that outgrow one machine), with the console's own schema files.
// Every file in console/store/migrations named `<kind>-NNN-*.sql` is applied in name order;
// the names start with `console-` so they never collide with the simulators' in one database.
import { readdirSync } from 'node:fs';
import type { Migrations, SqlDriver } from '../../simulators/store/driver.ts';
import { packagePath } from '../../model/package-root.ts';

const DIR = 'console/store/migrations';

export function consoleMigrations(kind: 'sqlite' | 'postgres'): Migrations {
  const names = readdirSync(packagePath(DIR))
    .filter((n) => n.startsWith(`console-${kind}-`) && n.endsWith('.sql'))
    .sort();
  return { dir: DIR, names };
}

/** `sqlite:FILE` or `postgres://…` → a migrated driver. Drivers load lazily (the CLI starts fast). */
export async function openConsoleDb(spec: string): Promise<SqlDriver> {
  if (spec.startsWith('postgres://') || spec.startsWith('postgresql://')) {
    const { openPostgres } = await import('../../simulators/store/pg-driver.ts');
    return openPostgres(spec, consoleMigrations('postgres'));
  }
  if (spec.startsWith('sqlite:')) {
    const { openSqlite } = await import('../../simulators/store/sqlite-driver.ts');
    return openSqlite(spec.slice('sqlite:'.length), consoleMigrations('sqlite'));
  }
  throw new Error(`unknown store '${spec}': use sqlite:FILE or postgres://…`);
}
