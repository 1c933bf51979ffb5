-- XDS registry and repository, SQLite. The record column holds the whole record as JSON;
-- the other columns are copies for indexing and for an MHD responder reading the same rows.
CREATE TABLE submission_sets (
  entry_uuid TEXT PRIMARY KEY,
  unique_id TEXT NOT NULL UNIQUE,
  patient_id TEXT NOT NULL,
  source_id TEXT NOT NULL,
  submission_time TEXT,
  content_type_code TEXT,
  status TEXT NOT NULL,
  record TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX submission_sets_patient ON submission_sets (patient_id, status);

CREATE TABLE document_entries (
  entry_uuid TEXT PRIMARY KEY,
  unique_id TEXT NOT NULL UNIQUE,
  logical_id TEXT NOT NULL,
  patient_id TEXT NOT NULL,
  status TEXT NOT NULL,
  object_type TEXT NOT NULL,
  mime_type TEXT NOT NULL,
  hash TEXT,
  size INTEGER,
  repository_unique_id TEXT,
  creation_time TEXT,
  service_start_time TEXT,
  service_stop_time TEXT,
  class_code TEXT,
  type_code TEXT,
  format_code TEXT,
  practice_setting_code TEXT,
  facility_type_code TEXT,
  title TEXT,
  submission_set_uuid TEXT NOT NULL REFERENCES submission_sets (entry_uuid),
  record TEXT NOT NULL
);
CREATE INDEX document_entries_patient ON document_entries (patient_id, status);

-- Multi-valued attributes: kind is 'event', 'confidentiality', 'referenceId' or 'author'.
CREATE TABLE document_values (
  entry_uuid TEXT NOT NULL REFERENCES document_entries (entry_uuid),
  kind TEXT NOT NULL,
  value TEXT NOT NULL
);
CREATE INDEX document_values_entry ON document_values (entry_uuid, kind, value);
CREATE INDEX document_values_value ON document_values (kind, value);

CREATE TABLE associations (
  entry_uuid TEXT PRIMARY KEY,
  type TEXT NOT NULL,
  source_uuid TEXT NOT NULL,
  target_uuid TEXT NOT NULL,
  status TEXT NOT NULL,
  submission_set_uuid TEXT NOT NULL,
  record TEXT NOT NULL
);
CREATE INDEX associations_source ON associations (source_uuid);
CREATE INDEX associations_target ON associations (target_uuid);

-- Repository content. file_path is for documents kept outside the database.
CREATE TABLE documents (
  unique_id TEXT PRIMARY KEY,
  repository_unique_id TEXT NOT NULL,
  mime_type TEXT NOT NULL,
  hash TEXT NOT NULL,
  size INTEGER NOT NULL,
  content BLOB,
  file_path TEXT
);

CREATE TABLE findings (
  submission_set_uuid TEXT NOT NULL,
  exchange_id TEXT,
  rule_id TEXT NOT NULL,
  req_ids TEXT NOT NULL,
  severity TEXT NOT NULL,
  message TEXT NOT NULL,
  path TEXT NOT NULL
);
CREATE INDEX findings_submission ON findings (submission_set_uuid);
