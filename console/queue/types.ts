// The contract between the console's web pages (which enqueue runs, show their progress and
// stop them) and the workers that execute them (`mcwg worker`, or the one inside `mcwg serve`).
// Runs live in the console database, so any number of serve/worker processes on different
// machines can share one PostgreSQL: a run is claimed by exactly one worker and never twice.
import type { ProgressEvent } from '../../suites/engine/progress.ts';

export type RunState = 'queued' | 'running' | 'passed' | 'failed' | 'error' | 'stopped' | 'interrupted';

/** States a run never leaves. */
export const FINAL_STATES: readonly RunState[] = ['passed', 'failed', 'error', 'stopped', 'interrupted'];

export interface RunRequest {
  sessionId: string;
  systemId: string;
  /** A plan id of the PLANS map. */
  plan: string;
  /** The SUT profile (YAML text) as it was when the run was asked for: later edits do not change a queued run. */
  profileYaml: string;
  /** The user who asked for it. */
  requestedBy: string;
  /** Run against the plan's built-in reference SUT (a demo, or a monitor checking the set-up) instead of the profile's endpoints. */
  reference?: boolean;
}

export interface QueuedRun extends RunRequest {
  id: string;
  state: RunState;
  queuedAt: string;
  workerId?: string;
  startedAt?: string;
  endedAt?: string;
  stopRequested: boolean;
  /** One line for lists: e.g. "failed: 3 of 41 tests failed (WADO-006, WADO-008)". */
  summary?: string;
}

export interface RunOutcome {
  state: Exclude<RunState, 'queued' | 'running'>;
  summary: string;
  /** The canonical run model (reports/schema/run.schema.json), kept in the database. */
  runJson?: string;
  /** Where the worker wrote report.html, junit.xml and evidence/ (a folder every console process can read). */
  outDir?: string;
}

export interface RunEvent {
  runId: string;
  /** 1, 2, 3 … per run: a page that reconnects asks for the events after the last it saw. */
  seq: number;
  at: string;
  event: ProgressEvent;
}

export interface RunQueue {
  enqueue(request: RunRequest): Promise<QueuedRun>;
  /** The oldest queued run, now running for this worker (FOR UPDATE SKIP LOCKED on PostgreSQL); undefined when none. */
  claim(workerId: string): Promise<QueuedRun | undefined>;
  /** A worker alive: its running runs are not interrupted. */
  heartbeat(workerId: string): Promise<void>;
  appendEvent(runId: string, event: ProgressEvent): Promise<void>;
  events(runId: string, afterSeq: number): Promise<RunEvent[]>;
  /** Only the worker holding the run may finish it; a second finish is refused (returns false). */
  finish(runId: string, workerId: string, outcome: RunOutcome): Promise<boolean>;
  /**
   * What the holder has written so far (its output folder, a partial run.json): kept on the run
   * when its worker dies and the reaper marks it interrupted. Optional: a queue may not keep them.
   */
  checkpoint?(runId: string, workerId: string, partial: { outDir?: string; runJson?: string }): Promise<boolean>;
  /** A queued run becomes stopped at once; a running one is stopped by its worker (partial run kept). */
  requestStop(runId: string): Promise<void>;
  isStopRequested(runId: string): Promise<boolean>;
  /** Running runs whose worker has not beaten for staleMs become interrupted; returns their ids. */
  reapInterrupted(staleMs: number): Promise<string[]>;
  get(runId: string): Promise<(QueuedRun & { runJson?: string; outDir?: string }) | undefined>;
  list(filter: { sessionId?: string; systemId?: string; states?: readonly RunState[] }): Promise<QueuedRun[]>;
}
