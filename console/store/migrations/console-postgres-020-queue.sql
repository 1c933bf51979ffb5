-- The run queue (console/queue/sql-queue.ts). Ids are TEXT and nothing references the
-- console's other tables: sessions, systems and users belong to the pages' own schema files.
-- seq is the order runs were queued in, as the database saw it (clocks of several machines may differ).
CREATE TABLE runs (
  seq BIGINT GENERATED ALWAYS AS IDENTITY,
  id TEXT PRIMARY KEY,
  session_id TEXT NOT NULL,
  system_id TEXT NOT NULL,
  plan TEXT NOT NULL,
  profile_yaml TEXT NOT NULL,
  requested_by TEXT NOT NULL,
  reference INTEGER NOT NULL DEFAULT 0,
  state TEXT NOT NULL CHECK (state IN ('queued', 'running', 'passed', 'failed', 'error', 'stopped', 'interrupted')),
  queued_at TEXT NOT NULL,
  worker_id TEXT,
  started_at TEXT,
  ended_at TEXT,
  stop_requested INTEGER NOT NULL DEFAULT 0,
  summary TEXT,
  run_json TEXT,
  out_dir TEXT,
  -- The last event's seq: the next event takes event_seq + 1 under the row's write lock.
  event_seq INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX runs_seq ON runs (seq);
CREATE INDEX runs_queued ON runs (seq) WHERE state = 'queued';
CREATE INDEX runs_running ON runs (worker_id) WHERE state = 'running';
CREATE INDEX runs_system ON runs (session_id, system_id);

CREATE TABLE run_events (
  run_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  at TEXT NOT NULL,
  event TEXT NOT NULL,
  PRIMARY KEY (run_id, seq)
);

-- beat_ms is the database's clock (milliseconds since 1970), so workers on machines whose
-- clocks differ are judged by one clock.
CREATE TABLE workers (
  id TEXT PRIMARY KEY,
  beat_ms BIGINT NOT NULL
);
