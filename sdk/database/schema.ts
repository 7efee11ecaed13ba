import type Database from 'better-sqlite3';
import { PROFILE_TABLES } from './profile-tables.js';
import { JOURNAL_TABLES } from './journal-tables.js';
import { FEDERATED_TABLES, GLOBUS_COMPUTE_TABLES } from './module-tables.js';
import { DATA_MOVES_TABLES } from './data-tables.js';
import { callKeyHash } from './call-key-hash.js';

/**
 * One change of corral's database: `up` runs once, in one transaction with
 * the others a file needs, when a file's `PRAGMA user_version` is below
 * `version`. Each `up` also tolerates a file that already has what it
 * creates: older corrals created some tables on first use, without a version.
 */
export interface Migration {
  readonly version: number;
  /** The module whose typed methods read and write these tables. */
  readonly owner: string;
  readonly up: string | ((db: Database.Database) => void);
}

const ATTEMPT_COSTS = { usd: 'REAL', joules: 'REAL' } as const;
const ROUND_STRATEGY = { strategy: 'TEXT', strategy_state: 'BLOB' } as const;
const CALL_READY = { ready_at: 'INTEGER' } as const;
const CALL_KEY_HASH = { key_hash: 'INTEGER' } as const;

/**
 * Columns a migration added to a table that older corrals had already made:
 * a file of an older version may lack them until it is opened for writing.
 */
export const ADDED_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  attempts: Object.keys(ATTEMPT_COSTS),
  fl_rounds: Object.keys(ROUND_STRATEGY),
  calls: [...Object.keys(CALL_READY), ...Object.keys(CALL_KEY_HASH)],
};

/**
 * Every table of corral's database, in the order they came: a new table or
 * column is a new entry at the end with the next version (never an edit of an
 * old one), so every file, however old, takes the same path to the newest shape.
 *
 * @example
 * ```ts
 * // A module adding its tables appends one entry:
 * // { version: 4, owner: 'data', up: 'CREATE TABLE IF NOT EXISTS data_refs (...)' }
 * ```
 */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, owner: 'runtime/journal', up: JOURNAL_TABLES },
  // Failed attempts are billed too: every attempt records what it cost.
  { version: 2, owner: 'runtime/journal', up: (db) => addColumns(db, 'attempts', ATTEMPT_COSTS) },
  // Tables that the profile store, the federated round store and the Globus function registry used to create on first use.
  {
    version: 3, owner: 'profiling, federated, endpoints/globus-compute',
    up: (db) => {
      db.exec(PROFILE_TABLES);
      db.exec(FEDERATED_TABLES);
      addColumns(db, 'fl_rounds', ROUND_STRATEGY);
      db.exec(GLOBUS_COMPUTE_TABLES);
    },
  },
  // Every time a value crossed between sites (runtime/journal/data-moves.ts reads and writes it).
  { version: 4, owner: 'runtime/journal (data moves)', up: DATA_MOVES_TABLES },
  // When a call became ready: its `task:ready` (and, once done, its `task:done`) is read from its row, not written as event rows.
  { version: 5, owner: 'runtime/journal', up: (db) => addColumns(db, 'calls', CALL_READY) },
  // Replay keys are found through a 4-byte hash of their prefix (call-key-hash.ts), not through an index of their text.
  { version: 6, owner: 'runtime/journal', up: indexCallKeysByHash },
];

/** Version of corral's database: a newer file is refused, an older one migrated. */
export const JOURNAL_VERSION = MIGRATIONS.at(-1)!.version;

/** Marks a SQLite file as corral's (row `application` of `corral_meta`). */
export const JOURNAL_APPLICATION = 'corral-journal';

function indexCallKeysByHash(db: Database.Database): void {
  addColumns(db, 'calls', CALL_KEY_HASH);
  // In one statement, however many rows an old file has: no row is held in memory.
  db.function('corral_call_key_hash', { deterministic: true }, (key) => callKeyHash(String(key)));
  db.exec('UPDATE calls SET key_hash = corral_call_key_hash(call_key) WHERE call_key IS NOT NULL AND key_hash IS NULL');
  db.exec('CREATE INDEX IF NOT EXISTS calls_by_key_hash ON calls (key_hash); DROP INDEX IF EXISTS calls_by_key;');
}

/** Adds the columns a table lacks (a table made by an older corral). */
function addColumns(db: Database.Database, table: string, columns: Readonly<Record<string, string>>): void {
  const have = new Set((db.prepare(`PRAGMA table_info(${table})`).all() as Array<{ name: string }>).map((c) => c.name));
  for (const [name, type] of Object.entries(columns)) if (!have.has(name)) db.exec(`ALTER TABLE ${table} ADD COLUMN ${name} ${type}`);
}
