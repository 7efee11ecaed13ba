/** Tables of the profile store (sdk/profiling/store), as version 3 of the schema made them. */
export const PROFILE_TABLES = `
CREATE TABLE IF NOT EXISTS profile_attempts (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  task_id TEXT NOT NULL,
  bundle_hash TEXT,
  endpoint TEXT NOT NULL,
  run_id TEXT,
  call_id TEXT,
  attempt INTEGER,
  features TEXT NOT NULL,
  queue_s REAL,
  transfer_in_bytes REAL,
  transfer_out_bytes REAL,
  transfer_in_s REAL,
  transfer_out_s REAL,
  cold_start_s REAL,
  run_s REAL,
  cpu_s REAL,
  peak_memory_bytes REAL,
  outcome TEXT NOT NULL CHECK (outcome IN ('ok', 'error')),
  failure TEXT,
  recorded_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS profile_attempts_task ON profile_attempts (task_id, endpoint);
CREATE TABLE IF NOT EXISTS profile_endpoints (
  endpoint TEXT PRIMARY KEY,
  hardware TEXT NOT NULL,
  transfer_group TEXT,
  calibration_iter_per_s REAL,
  calibrated_at INTEGER
);
`;
