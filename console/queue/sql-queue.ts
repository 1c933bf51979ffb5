// RunQueue over the console database (console/store/db.ts), the same code for SQLite and
// PostgreSQL. Every state change is one UPDATE whose WHERE clause states what must still be
// true (the run still queued, still running for this worker), so two processes racing for a
// run cannot both win: on PostgreSQL the claim skips rows another transaction has locked
// (FOR UPDATE SKIP LOCKED); on SQLite a writing statement takes the file's write lock when it
// starts (busy_timeout waits for it), so one claim runs at a time across every process.
import { randomUUID } from 'node:crypto';
import type { Param, Row, SqlDriver } from '../../simulators/store/driver.ts';
import type { ProgressEvent } from '../../suites/engine/progress.ts';
import type { QueuedRun, RunEvent, RunOutcome, RunQueue, RunRequest, RunState } from './types.ts';

export type SqlRunQueue = RunQueue & Required<Pick<RunQueue, 'checkpoint'>>;

const COLUMNS =
  'id, session_id, system_id, plan, profile_yaml, requested_by, reference, state, queued_at, worker_id, started_at, ended_at, stop_requested, summary';

/** The database's clock in milliseconds, so heartbeats from machines with different clocks compare fairly. */
function nowMs(kind: SqlDriver['kind']): string {
  return kind === 'postgres'
    ? 'CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000 AS BIGINT)'
    : "CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)";
}

export function sqlRunQueue(db: SqlDriver): SqlRunQueue {
  const NOW_MS = nowMs(db.kind);
  const iso = () => new Date().toISOString();

  const one = async (sql: string, params: Param[]): Promise<Row | undefined> => (await db.all(sql, params))[0];
  const heartbeat = async (workerId: string): Promise<void> => {
    await db.batch([
      {
        sql: `INSERT INTO workers (id, beat_ms) VALUES (?, ${NOW_MS}) ON CONFLICT (id) DO UPDATE SET beat_ms = excluded.beat_ms`,
        params: [workerId],
      },
    ]);
  };

  return {
    async enqueue(request: RunRequest): Promise<QueuedRun> {
      const id = randomUUID();
      await db.batch([
        {
          sql: `INSERT INTO runs (id, session_id, system_id, plan, profile_yaml, requested_by, reference, state, queued_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, 'queued', ?)`,
          params: [
            id,
            request.sessionId,
            request.systemId,
            request.plan,
            request.profileYaml,
            request.requestedBy,
            request.reference ? 1 : 0,
            iso(),
          ],
        },
      ]);
      const row = await one(`SELECT ${COLUMNS} FROM runs WHERE id = ?`, [id]);
      return toRun(row!);
    },

    async claim(workerId: string): Promise<QueuedRun | undefined> {
      // The worker beats first: a run it claims is never reaped before its first heartbeat.
      await heartbeat(workerId);
      const lock = db.kind === 'postgres' ? ' FOR UPDATE SKIP LOCKED' : '';
      const row = await one(
        `UPDATE runs SET state = 'running', worker_id = ?, started_at = ?
         WHERE id = (SELECT id FROM runs WHERE state = 'queued' ORDER BY seq LIMIT 1${lock}) AND state = 'queued'
         RETURNING ${COLUMNS}`,
        [workerId, iso()],
      );
      return row ? toRun(row) : undefined;
    },

    heartbeat,

    async appendEvent(runId: string, event: ProgressEvent): Promise<void> {
      // The counter on the run row is taken under that row's write lock: two appenders get 1 and 2, never 1 twice.
      await db.batch([
        {
          sql: 'UPDATE runs SET event_seq = event_seq + 1 WHERE id = ?',
          params: [runId],
          expectChanges: 1,
          onMismatch: `no run ${runId}`,
        },
        {
          sql: 'INSERT INTO run_events (run_id, seq, at, event) SELECT id, event_seq, ?, ? FROM runs WHERE id = ?',
          params: [iso(), JSON.stringify(event), runId],
        },
      ]);
    },

    async events(runId: string, afterSeq: number): Promise<RunEvent[]> {
      const rows = await db.all('SELECT seq, at, event FROM run_events WHERE run_id = ? AND seq > ? ORDER BY seq', [runId, afterSeq]);
      return rows.map((r) => ({ runId, seq: Number(r.seq), at: String(r.at), event: JSON.parse(String(r.event)) as ProgressEvent }));
    },

    async finish(runId: string, workerId: string, outcome: RunOutcome): Promise<boolean> {
      // Only while still running for this worker: a second finish, another worker's, or one after
      // the reaper gave up on this worker changes nothing.
      const rows = await db.all(
        `UPDATE runs SET state = ?, summary = ?, run_json = COALESCE(?, run_json), out_dir = COALESCE(?, out_dir), ended_at = ?
         WHERE id = ? AND worker_id = ? AND state = 'running' RETURNING id`,
        [outcome.state, outcome.summary, outcome.runJson ?? null, outcome.outDir ?? null, iso(), runId, workerId],
      );
      return rows.length === 1;
    },

    async checkpoint(runId: string, workerId: string, partial: { outDir?: string; runJson?: string }): Promise<boolean> {
      const rows = await db.all(
        `UPDATE runs SET run_json = COALESCE(?, run_json), out_dir = COALESCE(?, out_dir)
         WHERE id = ? AND worker_id = ? AND state = 'running' RETURNING id`,
        [partial.runJson ?? null, partial.outDir ?? null, runId, workerId],
      );
      return rows.length === 1;
    },

    async requestStop(runId: string): Promise<void> {
      // One transaction: the run is either still queued (stopped now) or running (its worker stops it).
      await db.batch([
        {
          sql: `UPDATE runs SET state = 'stopped', stop_requested = 1, ended_at = ?, summary = 'stopped before it started'
                WHERE id = ? AND state = 'queued'`,
          params: [iso(), runId],
        },
        { sql: "UPDATE runs SET stop_requested = 1 WHERE id = ? AND state = 'running'", params: [runId] },
      ]);
    },

    async isStopRequested(runId: string): Promise<boolean> {
      const row = await one('SELECT stop_requested FROM runs WHERE id = ?', [runId]);
      return row !== undefined && Number(row.stop_requested) === 1;
    },

    async reapInterrupted(staleMs: number): Promise<string[]> {
      const rows = await db.all(
        `UPDATE runs SET state = 'interrupted', ended_at = ?,
           summary = 'interrupted: worker ' || worker_id || ' stopped beating mid-run'
         WHERE state = 'running' AND NOT EXISTS (
           SELECT 1 FROM workers w WHERE w.id = runs.worker_id AND w.beat_ms >= ${NOW_MS} - ?)
         RETURNING id`,
        [iso(), Math.max(0, Math.floor(staleMs))],
      );
      return rows.map((r) => String(r.id)).sort();
    },

    async get(runId: string) {
      const row = await one(`SELECT ${COLUMNS}, run_json, out_dir FROM runs WHERE id = ?`, [runId]);
      if (!row) return undefined;
      return {
        ...toRun(row),
        ...(row.run_json != null ? { runJson: String(row.run_json) } : {}),
        ...(row.out_dir != null ? { outDir: String(row.out_dir) } : {}),
      };
    },

    async list(filter): Promise<QueuedRun[]> {
      const where: string[] = [];
      const params: Param[] = [];
      if (filter.sessionId !== undefined) {
        where.push('session_id = ?');
        params.push(filter.sessionId);
      }
      if (filter.systemId !== undefined) {
        where.push('system_id = ?');
        params.push(filter.systemId);
      }
      if (filter.states !== undefined) {
        if (filter.states.length === 0) return [];
        where.push(`state IN (${filter.states.map(() => '?').join(', ')})`);
        params.push(...filter.states);
      }
      // Queue order, oldest first.
      const rows = await db.all(
        `SELECT ${COLUMNS} FROM runs${where.length > 0 ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY seq`,
        params,
      );
      return rows.map(toRun);
    },
  };
}

function toRun(r: Row): QueuedRun {
  const opt = (v: unknown) => (v === null || v === undefined ? undefined : String(v));
  const run: QueuedRun = {
    id: String(r.id),
    sessionId: String(r.session_id),
    systemId: String(r.system_id),
    plan: String(r.plan),
    profileYaml: String(r.profile_yaml),
    requestedBy: String(r.requested_by),
    state: String(r.state) as RunState,
    queuedAt: String(r.queued_at),
    stopRequested: Number(r.stop_requested) === 1,
  };
  if (Number(r.reference) === 1) run.reference = true;
  const workerId = opt(r.worker_id);
  if (workerId !== undefined) run.workerId = workerId;
  const startedAt = opt(r.started_at);
  if (startedAt !== undefined) run.startedAt = startedAt;
  const endedAt = opt(r.ended_at);
  if (endedAt !== undefined) run.endedAt = endedAt;
  const summary = opt(r.summary);
  if (summary !== undefined) run.summary = summary;
  return run;
}
