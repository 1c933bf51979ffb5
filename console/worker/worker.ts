// The worker loop shared by `mcwg worker` and the workers inside `mcwg serve`: claim the oldest
// queued run, execute it, finish it; meanwhile beat (so the run is not reaped), reap runs of
// workers that stopped beating, and turn a stop request into the run's AbortSignal (the engine
// then ends the run early and keeps its partial results). How a run executes is injected: the
// console layer may not import the CLI, which builds the executor from `mcwg run`'s code.
import type { ProgressEvent } from '../../suites/engine/progress.ts';
import type { QueuedRun, RunOutcome, RunQueue } from '../queue/types.ts';

export interface ExecuteContext {
  /** Aborted when the run is stopped from the console or the worker is shutting down. */
  signal: AbortSignal;
  /** Engine progress; each event is stored in order as the run's next event. */
  onProgress(event: ProgressEvent): void;
  /** Records what the run has written so far (its folder, a partial run.json): kept if this worker dies. */
  checkpoint(partial: { outDir?: string; runJson?: string }): Promise<void>;
}

/** Executes one claimed run. A throw is the run's error, never the worker's. */
export type RunExecutor = (run: QueuedRun, ctx: ExecuteContext) => Promise<RunOutcome>;

export interface WorkerOptions {
  queue: RunQueue;
  workerId: string;
  execute: RunExecutor;
  /** Aborted: stop claiming, stop the runs in progress (they finish as stopped), return. */
  signal: AbortSignal;
  /** How often an idle slot looks for work and a busy one checks for a stop request. */
  pollMs?: number;
  heartbeatMs?: number;
  /** Running runs of workers silent this long become interrupted (checked on every heartbeat). */
  staleMs?: number;
  /** Runs executed at once by this worker (one claim loop each). */
  slots?: number;
  /** Return once the queue is empty (a batch of runs, a bench) instead of waiting for more. */
  exitWhenIdle?: boolean;
  /** One line per claim, finish and trouble. */
  log?: (line: string) => void;
}

export interface WorkerReport {
  /** Runs this worker claimed and finished (its finish accepted). */
  finished: string[];
  /** Runs it claimed whose finish was refused (reaped meanwhile). */
  lost: string[];
}

export const DEFAULTS = { pollMs: 1000, heartbeatMs: 5000, staleMs: 30_000 } as const;

export async function runWorker(opts: WorkerOptions): Promise<WorkerReport> {
  const { queue, workerId, signal } = opts;
  const pollMs = opts.pollMs ?? DEFAULTS.pollMs;
  const heartbeatMs = opts.heartbeatMs ?? DEFAULTS.heartbeatMs;
  const staleMs = opts.staleMs ?? Math.max(DEFAULTS.staleMs, 3 * heartbeatMs);
  const log = opts.log ?? (() => undefined);
  const report: WorkerReport = { finished: [], lost: [] };

  const beat = async () => {
    try {
      await queue.heartbeat(workerId);
      const reaped = await queue.reapInterrupted(staleMs);
      for (const id of reaped) log(`run ${id} interrupted: its worker stopped beating for ${staleMs} ms`);
    } catch (e) {
      // A database hiccup: the next beat tries again (runs are reaped only after staleMs).
      log(`heartbeat failed: ${message(e)}`);
    }
  };
  await beat();
  const beating = setInterval(() => void beat(), heartbeatMs);
  try {
    const slots = Math.max(1, opts.slots ?? 1);
    await Promise.all(Array.from({ length: slots }, () => claimLoop()));
  } finally {
    clearInterval(beating);
  }
  return report;

  async function claimLoop(): Promise<void> {
    while (!signal.aborted) {
      let run: QueuedRun | undefined;
      let failed = false;
      try {
        run = await queue.claim(workerId);
      } catch (e) {
        failed = true;
        log(`claim failed: ${message(e)}`);
      }
      if (!run) {
        if (opts.exitWhenIdle && !failed) return;
        await sleep(pollMs, signal);
        continue;
      }
      await executeOne(run);
    }
  }

  async function executeOne(run: QueuedRun): Promise<void> {
    log(`run ${run.id}: ${run.plan} for system ${run.systemId}${run.reference ? ' (reference SUT)' : ''} started`);
    const stop = new AbortController();
    const onShutdown = () => stop.abort(new Error('worker shutting down'));
    signal.addEventListener('abort', onShutdown, { once: true });
    if (signal.aborted) onShutdown();
    const watching = setInterval(() => {
      queue.isStopRequested(run.id).then(
        (yes) => {
          if (yes) stop.abort(new Error('stopped from the console'));
        },
        (e: unknown) => log(`run ${run.id}: stop check failed: ${message(e)}`),
      );
    }, pollMs);
    // Events are stored one after the other so their numbers follow the engine's order.
    let events: Promise<void> = Promise.resolve();
    const onProgress = (event: ProgressEvent) => {
      events = events.then(() =>
        queue.appendEvent(run.id, event).catch((e: unknown) => log(`run ${run.id}: event not stored: ${message(e)}`)),
      );
    };
    const checkpoint = async (partial: { outDir?: string; runJson?: string }) => {
      await queue.checkpoint?.(run.id, workerId, partial);
    };
    let outcome: RunOutcome;
    try {
      outcome = await opts.execute(run, { signal: stop.signal, onProgress, checkpoint });
    } catch (e) {
      outcome = { state: 'error', summary: `error: ${oneLine(message(e))}` };
    } finally {
      clearInterval(watching);
      signal.removeEventListener('abort', onShutdown);
    }
    // A stopped run keeps what it found, but it is a stopped run whatever its tests said so far.
    if (stop.signal.aborted && outcome.state !== 'stopped' && outcome.state !== 'interrupted')
      outcome = { ...outcome, state: 'stopped', summary: `stopped (${reasonOf(stop.signal)}): ${outcome.summary}` };
    await events;
    let accepted = false;
    try {
      accepted = await queue.finish(run.id, workerId, outcome);
    } catch (e) {
      log(`run ${run.id}: finish failed: ${message(e)}`);
    }
    if (accepted) report.finished.push(run.id);
    else report.lost.push(run.id);
    log(`run ${run.id}: ${accepted ? outcome.summary : 'finish refused (the run was reaped as interrupted meanwhile)'}`);
  }
}

function reasonOf(signal: AbortSignal): string {
  return signal.reason instanceof Error ? signal.reason.message : 'stopped';
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 240 ? `${flat.slice(0, 239)}…` : flat;
}

/** Resolves after ms, or at once when the signal aborts. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const t = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
