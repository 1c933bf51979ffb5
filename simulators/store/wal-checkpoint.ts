// WAL checkpoints off the event loop (issue 16 item 3). SQLite's automatic checkpoint runs inside
// the COMMIT that crosses its threshold, on the committing connection: after a 10,000-entry
// ITI-65 that COMMIT held the event loop ~250 ms, 200 of them copying the WAL into the database
// file (measured: 51 ms with wal_autocheckpoint=0). So the automatic checkpoint is off and a
// PASSIVE checkpoint runs on the writer thread's connection (sqlite-writer.ts) once enough has
// been written. PASSIVE takes no lock a reader or a writer waits for, and a checkpoint is
// crash-safe at any point (a kill mid-way leaves the WAL to be replayed): durability is unchanged.
//
// SQLite restarts the WAL from its beginning only when a write starts after a checkpoint copied
// every frame; beside a busy event loop a PASSIVE checkpoint may never find that moment, and the
// file would grow without end. So once the WAL holds `restartFrames` frames, a RESTART
// checkpoint follows on the writer thread, holding the write lock while it copies the few frames
// written since (the caller queues its own writes meanwhile); the next write starts the WAL over.
import type { CheckpointResult } from './sqlite-writer.ts';

export interface WalCheckpointerOptions {
  /** Bytes written (roughly: the statements' parameters) after which a checkpoint is asked for. */
  everyBytes?: number;
  /** WAL frames from which a RESTART checkpoint follows the PASSIVE one. */
  restartFrames?: number;
  /** One PASSIVE checkpoint away from the event loop (the writer thread: sqlite-writer.ts). */
  run(): Promise<CheckpointResult>;
  /** One RESTART checkpoint on the writer thread, the caller's writes held back meanwhile. */
  restart(): Promise<void>;
  /** `run` failed: the caller goes back to SQLite's automatic checkpoint. */
  unavailable(err: unknown): void;
}

export interface WalCheckpointer {
  /** A transaction committed, having written about `bytes`. */
  committed(bytes: number): void;
  /** Resolves when no checkpoint is running (before the caller's connection closes). */
  settle(): Promise<void>;
}

/** How the checkpointer behaved since start (tests read it). */
export const checkpointStats = { passive: 0, restart: 0, failed: 0 };

export function walCheckpointer(opts: WalCheckpointerOptions): WalCheckpointer {
  const everyBytes = opts.everyBytes ?? DEFAULT_EVERY_BYTES;
  const restartFrames = opts.restartFrames ?? DEFAULT_RESTART_FRAMES;
  let written = 0;
  let running: Promise<void> | undefined;
  let broken = false;

  const checkpoint = async () => {
    const r = await opts.run();
    checkpointStats.passive++;
    if (r.log < restartFrames) return;
    await opts.restart();
    checkpointStats.restart++;
  };
  const start = () => {
    written = 0;
    running = checkpoint().catch((err: unknown) => {
      checkpointStats.failed++;
      broken = true;
      opts.unavailable(err);
    });
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
