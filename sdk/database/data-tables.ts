/**
 * The journal's table of data movements: every time a value crossed between
 * sites (transfer groups, `client` for the runtime), its size and, where it
 * was measured, how long it took. A transfer model learns from the rows with
 * seconds; `corral show` sums the bytes that went through the client.
 */
export const DATA_MOVES_TABLES = `
CREATE TABLE IF NOT EXISTS data_moves (
  id INTEGER PRIMARY KEY,
  run_id TEXT NOT NULL,
  call_id TEXT,
  ref_id TEXT,
  at INTEGER NOT NULL,
  from_site TEXT NOT NULL,
  to_site TEXT NOT NULL,
  bytes INTEGER NOT NULL,
  seconds REAL,
  via_client INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS data_moves_by_run ON data_moves (run_id, id);
`;
