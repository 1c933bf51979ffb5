-- Evidence: every exchange the simulator saw, rejected ones too (bodies inline when small).
CREATE TABLE exchanges (
  id TEXT PRIMARY KEY,
  at TEXT NOT NULL,
  transaction_name TEXT NOT NULL,
  error TEXT,
  record TEXT NOT NULL
);
CREATE INDEX exchanges_at ON exchanges (at);
