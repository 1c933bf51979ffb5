// The SQLite writer thread (issue 16 item 3): what must not run on the event loop of a simulator
// that stores into a SQLite file. Two jobs, on one worker thread with a connection of its own
// per file:
// - a big batch (a 990-document ITI-41, a 10,000-entry ITI-65) as one transaction. Fed to the
//   event loop in slices, its COMMIT alone still held the loop 50-70 ms: SQLite rewrites the
//   checksum of every WAL frame after the first page the transaction wrote twice, ~9,000 frames.
//   Here the loop only posts the statements, a few ms per turn, and waits for the COMMIT.
// - WAL checkpoints (wal-checkpoint.ts), which SQLite would otherwise run inside a COMMIT.
// Readers on the event loop's connection see the last committed state meanwhile, never part of
// the batch; a kill before the COMMIT leaves nothing of it (the WAL rolls it back).
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { createWorkerPool, type WorkerPool } from '../kit/worker-pool.ts';
import type { Pacer } from '../kit/pacer.ts';
import type { Param, Statement } from './driver.ts';

/** A statement as it crosses to the writer: its SQL by number in the batch's own list. */
export interface PortableStatement {
  sql: number;
  /** Buffers arrive as Uint8Arrays (a structured clone keeps no Buffer class). */
  params: (Param | Uint8Array)[];
  expectChanges?: number;
  onMismatch?: string;
}

/** One message of a batch: the SQL texts first seen in it, its statements, and whether it is the last. */
export interface BatchChunk {
  sqls: string[];
  statements: PortableStatement[];
  last: boolean;
}

export interface CheckpointResult {
  busy: number;
  log: number;
  checkpointed: number;
}

export type WriterTask =
  | { kind: 'batch'; file: string; port: MessagePort }
  | { kind: 'checkpoint'; file: string }
  /** A RESTART checkpoint: the caller holds its own writes back until it returns. */
  | { kind: 'restart'; file: string }
  /** The store closes: the writer closes its connection first, so the store's is the last (and removes the WAL). */
  | { kind: 'release'; file: string };

export type WriterResult = { statements: number } | CheckpointResult | Record<string, never>;

/** A batch's time budget: past it the writer thread is ended and the transaction rolled back. */
const BATCH_BUDGET_MS = 600_000;
/** A checkpoint copies at most the WAL: minutes would mean a stuck disk. */
const CHECKPOINT_BUDGET_MS = 120_000;
/** Statements per message at most (a message is also cut when the turn's time is up). */
const CHUNK = 500;

let pool: WorkerPool<WriterTask, WriterResult> | undefined;

function writer(): WorkerPool<WriterTask, WriterResult> {
  // One thread: batches and checkpoints of a process take turns, as they would on one connection.
  pool ??= createWorkerPool({ source: 'simulators/store/sqlite-writer-worker.ts', distName: 'sqlite-writer-worker', heapMb: 256, size: 1 });
  return pool;
}

/**
 * Runs `statements` as one transaction on the writer thread; resolves after its COMMIT. The
 * statements are posted a turn's worth at a time (`pace`), so the event loop keeps answering.
 * Rejects with the SQLite error (its `code` kept) or an ExpectationError's name and message.
 */
export async function batchOnWriter(file: string, statements: readonly Statement[], pace: Pacer): Promise<void> {
  const { port1, port2 } = new MessageChannel();
  let failed = false;
  const done = writer().run({ kind: 'batch', file, port: port2 }, { timeoutMs: BATCH_BUDGET_MS, transfer: [port2] });
  done.catch(() => (failed = true));
  try {
    const numbers = new Map<string, number>();
    let chunk: BatchChunk = { sqls: [], statements: [], last: false };
    for (const [n, st] of statements.entries()) {
      let sql = numbers.get(st.sql);
      if (sql === undefined) {
        numbers.set(st.sql, (sql = numbers.size));
        chunk.sqls.push(st.sql);
      }
      chunk.statements.push({ ...st, sql, params: st.params.map(portable) });
      const last = n === statements.length - 1;
      if (last || chunk.statements.length === CHUNK || pace.due()) {
        port1.postMessage({ ...chunk, last });
        chunk = { sqls: [], statements: [], last: false };
        // A writer that failed already (a duplicate key early on) needs no more of the batch.
        if (!last && pace.due()) await pace.next();
        if (failed) break;
      }
    }
    await done;
  } finally {
    port1.close();
  }
}

export function checkpointOnWriter(file: string): Promise<CheckpointResult> {
  return writer().run({ kind: 'checkpoint', file }, { timeoutMs: CHECKPOINT_BUDGET_MS }) as Promise<CheckpointResult>;
}

export async function restartOnWriter(file: string): Promise<void> {
  await writer().run({ kind: 'restart', file }, { timeoutMs: CHECKPOINT_BUDGET_MS });
}

export async function releaseOnWriter(file: string): Promise<void> {
  await writer().run({ kind: 'release', file }, { timeoutMs: CHECKPOINT_BUDGET_MS });
}

/**
 * A parameter that crosses threads as itself: a Buffer that is a view into a larger buffer (the
 * documents of an MTOM request are views into its body) is copied, or the whole buffer would be.
 */
function portable(p: Param): Param | Uint8Array {
  if (!(p instanceof Uint8Array) || (p.byteOffset === 0 && p.byteLength === p.buffer.byteLength)) return p;
  return Uint8Array.prototype.slice.call(p);
}
