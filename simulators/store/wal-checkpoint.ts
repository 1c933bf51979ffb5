// WAL checkpoints off the event loop (issue 16 item 3). SQLite's automatic checkpoint runs inside
// the COMMIT that crosses its threshold, on the committing connection: after a 10,000-entry
// ITI-65 that COMMIT held the event loop ~250 ms, 200 of them copying the WAL into the database
// file (measured: 51 ms with wal_autocheckpoint=0). So the automatic checkpoint is off and a
// PASSIVE checkpoint runs on the writer thread's connection (sqlite-writer.ts) once enough has
// been written. PASSIVE takes no lock a reader or the writer waits for, and a checkpoint is
// crash-safe at any point (a kill mid-way leaves the WAL to be replayed): durability is unchanged.
//
// A checkpoint on another connection beside a busy event loop may never find the WAL wholly
// copied when the loop starts its next write, and only then does SQLite restart the WAL from its
// beginning: the file would grow without end. So once the WAL holds `restartFrames` frames, the
// loop's connection finishes the checkpoint itself between two transactions (cheap: the writer
// thread copied all but the last few frames), and its next transaction restarts the WAL.
import type { CheckpointResult } from './sqlite-writer.ts';

export interface WalCheckpointerOptions {
  file: string;
  /** Bytes written (roughly: the statements' parameters) after which a checkpoint is asked for. */
  everyBytes?: number;
  /** WAL frames from which the writer finishes the checkpoint itself, so the WAL restarts. */
  restartFrames?: number;
  /** Runs one checkpoint away from the event loop (the writer thread: sqlite-writer.ts). */
  run(file: string): Promise<CheckpointResult>;
  /** Finishes a checkpoint on the event loop's connection, between two of its transactions. */
  finishHere(): void;
  /** `run` failed: the caller goes back to SQLite's automatic checkpoint. */
  unavailable(err: unknown): void;
}

export interface WalCheckpointer {
  /** A transaction committed, having written about `bytes`. */
  committed(bytes: number): void;
  /** The writer is between transactions: a pending finishing checkpoint may run now. */
  idle(): void;
  /** Resolves when no checkpoint is running (before the writer's connection closes). */
  settle(): Promise<void>;
}

/** How the checkpointer behaved since start (tests read it). */
export const checkpointStats = { worker: 0, finished: 0, failed: 0 };

export function walCheckpointer(opts: WalCheckpointerOptions): WalCheckpointer {
  const everyBytes = opts.everyBytes ?? DEFAULT_EVERY_BYTES;
  const restartFrames = opts.restartFrames ?? DEFAULT_RESTART_FRAMES;
  const { run } = opts;
  let written = 0;
  let running: Promise<void> | undefined;
  let finishPending = false;
  let broken = false;

  const start = () => {
    written = 0;
    running = run(opts.file).then(
      (r) => {
        checkpointStats.worker++;
        if (r.log >= restartFrames) finishPending = true;
      },
      (err: unknown) => {
        checkpointStats.failed++;
        broken = true;
        opts.unavailable(err);
      },
    );
    void running.finally(() => {
      running = undefined;
      if (!broken && written >= everyBytes) start();
    });
  };

  return {
    committed(bytes) {
      if (broken) return;
      written += bytes;
      if (!running && written >= everyBytes) start();
    },
    idle() {
      if (!finishPending || broken) return;
      finishPending = false;
      checkpointStats.finished++;
      opts.finishHere();
    },
    async settle() {
      while (running) await running;
    },
  };
}

/** About 1,000 pages of 4 KiB, SQLite's own default threshold. */
const DEFAULT_EVERY_BYTES = 4 * 1024 * 1024;
/** 64 MiB of 4 KiB pages. */
const DEFAULT_RESTART_FRAMES = 16_384;

/** Roughly the bytes a batch writes: its parameters' sizes (rows' overhead and indexes aside). */
export function bytesOf(statements: readonly { params: readonly unknown[] }[]): number {
  let n = 0;
  for (const st of statements)
    for (const p of st.params) {
      if (typeof p === 'string') n += p.length;
      else if (p instanceof Uint8Array) n += p.byteLength;
      else n += 8;
    }
  return n;
}
