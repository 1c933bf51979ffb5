-- Folders (ITI TF-3 4.2.3.4); membership lives in associations (Folder HasMember DocumentEntry).
CREATE TABLE folders (
  entry_uuid TEXT PRIMARY KEY,
  unique_id TEXT NOT NULL UNIQUE,
  patient_id TEXT NOT NULL,
  status TEXT NOT NULL,
  last_update_time TEXT,
  record TEXT NOT NULL
);
CREATE INDEX folders_patient ON folders (patient_id, status);
CREATE TABLE folder_codes (
  entry_uuid TEXT NOT NULL REFERENCES folders (entry_uuid),
  value TEXT NOT NULL
);
CREATE INDEX folder_codes_entry ON folder_codes (entry_uuid, value);
