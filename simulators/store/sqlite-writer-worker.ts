// The writer thread of sqlite-writer.ts: one connection per database file, kept between tasks,
// with the store's own settings (WAL, synchronous=NORMAL, foreign keys; no automatic checkpoint).
import Database from 'better-sqlite3';
import type { MessagePort } from 'node:worker_threads';
import { serveTasks } from '../kit/worker-task.ts';
import { ExpectationError } from './driver.ts';
import type { BatchChunk, CheckpointResult, WriterResult, WriterTask } from './sqlite-writer.ts';

const connections = new Map<string, { db: Database.Database; prepared: Map<string, Database.Statement> }>();

function connection(file: string) {
  let c = connections.get(file);
  if (!c) {
    const db = new Database(file, { fileMustExist: true });
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma('wal_autocheckpoint = 0');
    connections.set(file, (c = { db, prepared: new Map() }));
  }
  return c;
}

serveTasks<WriterTask, WriterResult>(
  async (task) => {
    switch (task.kind) {
      case 'batch':
        return batch(task.file, task.port);
      case 'checkpoint':
        return (connection(task.file).db.pragma('wal_checkpoint(PASSIVE)') as CheckpointResult[])[0]!;
      case 'restart':
        // Waits (busy_timeout) for readers still on the old WAL; the loop's reads are short.
        return (connection(task.file).db.pragma('wal_checkpoint(RESTART)') as CheckpointResult[])[0]!;
      case 'release':
        connections.get(task.file)?.db.close();
        connections.delete(task.file);
        return {};
    }
  },
  undefined,
  { background: false },
);

/** The chunks of one batch as they arrive on `port`, in one transaction; COMMIT after the last. */
async function batch(file: string, port: MessagePort): Promise<WriterResult> {
  const { db, prepared } = connection(file);
  const sqls: string[] = [];
  let count = 0;
  const chunks = messages(port);
  db.exec('BEGIN IMMEDIATE');
  try {
    for (;;) {
      const chunk = await chunks.next();
      sqls.push(...chunk.sqls);
      for (const st of chunk.statements) {
        const sql = sqls[st.sql]!;
        let s = prepared.get(sql);
        if (!s) prepared.set(sql, (s = db.prepare(sql)));
        // Buffers arrive as Uint8Arrays; better-sqlite3 binds Buffers.
        const params = st.params.map((p) => (p instanceof Uint8Array ? Buffer.from(p.buffer, p.byteOffset, p.byteLength) : p));
        const r = s.run(...params);
        if (st.expectChanges !== undefined && r.changes !== st.expectChanges)
          throw new ExpectationError(st.onMismatch ?? 'unexpected row count');
        count++;
      }
      if (chunk.last) break;
    }
    db.exec('COMMIT');
    return { statements: count };
  } catch (e) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw e;
  } finally {
    port.close();
  }
}

/** The port's messages one at a time, in order; rejects once the sender closed it before the last. */
function messages(port: MessagePort): { next(): Promise<BatchChunk> } {
  const waiting: { resolve(c: BatchChunk): void; reject(e: Error): void }[] = [];
  const arrived: BatchChunk[] = [];
  let closed = false;
  const abandoned = () => new Error('the batch was abandoned before its last statement');
  port.on('message', (c: BatchChunk) => {
    const w = waiting.shift();
    if (w) w.resolve(c);
    else arrived.push(c);
  });
  port.on('close', () => {
    closed = true;
    for (const w of waiting.splice(0)) w.reject(abandoned());
  });
  return {
    next: () => {
      const c = arrived.shift();
      if (c) return Promise.resolve(c);
      if (closed) return Promise.reject(abandoned());
      return new Promise((resolve, reject) => waiting.push({ resolve, reject }));
    },
  };
}
