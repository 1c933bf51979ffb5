-- The web console's accounts, login sessions, testing sessions, systems and monitor reviews.
-- Times are ISO-8601 UTC text, which compares correctly as text on both backends.
CREATE TABLE console_users (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('admin', 'monitor', 'vendor')),
  organisation TEXT,
  created_at TEXT NOT NULL
);
-- Only the SHA-256 of a login token is kept: a leaked database does not log anyone in.
CREATE TABLE console_logins (
  token_hash TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES console_users (id),
  csrf TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
CREATE TABLE console_login_failures (
  user_name TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX console_login_failures_user ON console_login_failures (user_name, at);
CREATE TABLE console_testing_sessions (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  policy_file TEXT NOT NULL,
  policy_id TEXT NOT NULL,
  policy_version TEXT NOT NULL,
  catalogue_version TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE console_systems (
  id TEXT PRIMARY KEY,
  session_id TEXT NOT NULL REFERENCES console_testing_sessions (id),
  organisation TEXT NOT NULL,
  name TEXT NOT NULL,
  profile_yaml TEXT NOT NULL,
  roles TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX console_systems_session ON console_systems (session_id, organisation);
-- One monitor holds a test of a run at a time.
CREATE TABLE console_claims (
  run_id TEXT NOT NULL,
  test_id TEXT NOT NULL,
  monitor TEXT NOT NULL,
  claimed_at TEXT NOT NULL,
  PRIMARY KEY (run_id, test_id)
);
-- Every decision is kept; the latest per (run, test) is the one that counts.
CREATE TABLE console_decisions (
  id TEXT PRIMARY KEY,
  run_id TEXT NOT NULL,
  test_id TEXT NOT NULL,
  decision TEXT NOT NULL CHECK (decision IN ('verified', 'partially-verified', 'failed')),
  comment TEXT NOT NULL,
  override_reason TEXT,
  previous TEXT NOT NULL,
  decided_by TEXT NOT NULL,
  decided_at TEXT NOT NULL,
  seq INTEGER NOT NULL
);
CREATE INDEX console_decisions_test ON console_decisions (run_id, test_id, seq);
