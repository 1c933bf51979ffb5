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

export interface SqlDriver {
  readonly kind: 'sqlite' | 'postgres';
  all(sql: string, params: Param[]): Promise<Row[]>;
  batch(statements: readonly Statement[]): Promise<void>;
  close(): Promise<void>;
}
