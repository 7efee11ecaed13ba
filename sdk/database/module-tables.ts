/** Federated rounds (sdk/federated/checkpoint/round-store.ts): each finished round's global model, one row per round. */
export const FEDERATED_TABLES = `
CREATE TABLE IF NOT EXISTS fl_rounds (
  run_id TEXT NOT NULL,
  round INTEGER NOT NULL,
  weights BLOB NOT NULL,
  shapes TEXT NOT NULL,
  metrics TEXT NOT NULL,
  speeds TEXT,
  at INTEGER NOT NULL,
  strategy TEXT,
  strategy_state BLOB,
  PRIMARY KEY (run_id, round)
);
`;

/** Globus Compute function ids by client identity and program (sdk/endpoints/globus-compute/function-registry.ts). */
export const GLOBUS_COMPUTE_TABLES = `
CREATE TABLE IF NOT EXISTS globus_compute_functions (
  client_id TEXT NOT NULL,
  program_key TEXT NOT NULL,
  function_id TEXT NOT NULL,
  registered_at INTEGER NOT NULL,
  PRIMARY KEY (client_id, program_key)
);
`;
