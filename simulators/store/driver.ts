// The little each SQL backend has to provide. Statements use `?` placeholders; the
// PostgreSQL driver renumbers them. A submission is one batch so that the SQLite driver can
// run it synchronously inside one transaction with no other submission interleaved.
export type Param = string | number | Buffer | null;
export type Row = Record<string, unknown>;

export interface Statement {
  sql: string;
  params: Param[];
  /** When set, the batch rolls back unless the statement changed exactly this many rows. */
  expectChanges?: number;
  /** Message of the error thrown when expectChanges is not met. */
  onMismatch?: string;
}

export class ExpectationError extends Error {
  override name = 'ExpectationError';
}

/** A unique-constraint violation, in either backend's terms. */
export class UniqueViolation extends Error {
  override name = 'UniqueViolation';
}

/**
 * The schema files a driver applies in order (paths relative to the package root). Names are
 * recorded in schema_migrations, so two schemas sharing one database need distinct names.
 */
export interface Migrations {
  dir: string;
  names: readonly string[];
}

export interface SqlDriver {
  readonly kind: 'sqlite' | 'postgres';
  all(sql: string, params: Param[]): Promise<Row[]>;
  batch(statements: readonly Statement[]): Promise<void>;
  close(): Promise<void>;
}
