// `--store sqlite:FILE | postgres://…` → an XdsStore.
import { openPostgres } from './pg-driver.ts';
import { openSqlite } from './sqlite-driver.ts';
import { sqlStore } from './sql-store.ts';
import type { XdsStore } from './types.ts';

export async function openStore(spec: string): Promise<XdsStore> {
  if (spec.startsWith('postgres://') || spec.startsWith('postgresql://')) return sqlStore(await openPostgres(spec));
  if (spec.startsWith('sqlite:')) return sqlStore(openSqlite(spec.slice('sqlite:'.length)));
  throw new Error(`unknown store '${spec}': use sqlite:FILE or postgres://…`);
}
