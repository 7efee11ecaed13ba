import { DATA_MOVES_SCHEMA } from './data-moves.js';

/** Version of the journal's tables; a newer file is refused, an older one migrated. */
export const JOURNAL_VERSION = 2;
/** Marks a SQLite file as a corral journal. */
export const JOURNAL_APPLICATION = 'corral-journal';

/** The journal's tables. Every state change of a call is a row in `events`. */
export const JOURNAL_SCHEMA = `
CREATE TABLE IF NOT EXISTS corral_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS runs (
  id TEXT PRIMARY KEY,
  workflow TEXT NOT NULL,
  module TEXT,
  export_name TEXT,
  method TEXT,
  args BLOB,
  config TEXT,
  budget TEXT,
  status TEXT NOT NULL,
  started_at INTEGER NOT NULL,
  ended_at INTEGER,
  error TEXT,
  resumes INTEGER NOT NULL DEFAULT 0,
  result BLOB
);
CREATE TABLE IF NOT EXISTS calls (
  run_id TEXT NOT NULL,
  call_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  call_key TEXT,
  task_id TEXT NOT NULL,
  state TEXT NOT NULL,
  endpoint TEXT,
  attempts INTEGER NOT NULL DEFAULT 0,
  depends_on TEXT NOT NULL DEFAULT '[]',
  submitted_at INTEGER NOT NULL,
  started_at INTEGER,
  ended_at INTEGER,
  predicted_seconds REAL,
  predicted_usd REAL,
  predicted_joules REAL,
  run_seconds REAL,
  usd REAL,
  joules REAL,
  result BLOB,
  error TEXT,
  PRIMARY KEY (run_id, call_id)
);
CREATE INDEX IF NOT EXISTS calls_by_key ON calls (run_id, call_key);
CREATE TABLE IF NOT EXISTS attempts (
  run_id TEXT NOT NULL,
  call_id TEXT NOT NULL,
  attempt INTEGER NOT NULL,
  endpoint TEXT NOT NULL,
  state TEXT NOT NULL,
  submitted_at INTEGER NOT NULL,
  started_at INTEGER,
  ended_at INTEGER,
  queue_seconds REAL,
  run_seconds REAL,
  cold_start_seconds REAL,
  usd REAL,
  joules REAL,
  error TEXT,
  PRIMARY KEY (run_id, call_id, attempt)
);
CREATE TABLE IF NOT EXISTS events (
  id INTEGER PRIMARY KEY,
  run_id TEXT NOT NULL,
  call_id TEXT,
  at INTEGER NOT NULL,
  type TEXT NOT NULL,
  data TEXT
);
CREATE INDEX IF NOT EXISTS events_by_run ON events (run_id, id);
CREATE TABLE IF NOT EXISTS cache (
  fn_key TEXT NOT NULL,
  args_hash TEXT NOT NULL,
  result BLOB NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (fn_key, args_hash)
);
${DATA_MOVES_SCHEMA}`;

/** Changes that bring a journal of an older version up to this one, by the version they lead to. */
export const JOURNAL_MIGRATIONS: Readonly<Record<number, string>> = {
  // Failed attempts are billed too: every attempt records what it cost.
  2: 'ALTER TABLE attempts ADD COLUMN usd REAL; ALTER TABLE attempts ADD COLUMN joules REAL;',
};
