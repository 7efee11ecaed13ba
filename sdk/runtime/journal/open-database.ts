import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { JournalError } from './journal-error.js';
import { JOURNAL_APPLICATION, JOURNAL_MIGRATIONS, JOURNAL_SCHEMA, JOURNAL_VERSION } from './schema.js';

const SQLITE_MAGIC = 'SQLite format 3\u0000';

/**
 * Opens (or creates) a journal database: WAL, checks that an existing file is
 * a corral journal of a version we can read, and never overwrites anything else.
 */
export function openJournalDatabase(path: string): Database.Database {
  const memory = path === ':memory:';
  if (!memory && existsSync(path) && statSync(path).size > 0) {
    const head = readFileSync(path).subarray(0, 16).toString('latin1');
    if (head !== SQLITE_MAGIC) {
      throw new JournalError(path, 'is not a SQLite database (corrupt or foreign file); corral will not overwrite it: move it away or choose another journal path');
    }
  }
  if (!memory) mkdirSync(dirname(path), { recursive: true });
  let db: Database.Database;
  try {
    db = new Database(path, { timeout: 5000 });
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
  } catch (error) {
    throw explain(path, error);
  }
  try {
    checkIdentity(path, db);
    migrate(db);
    db.exec(JOURNAL_SCHEMA);
    db.prepare('INSERT OR IGNORE INTO corral_meta (key, value) VALUES (?, ?)').run('application', JOURNAL_APPLICATION);
    db.pragma(`user_version = ${JOURNAL_VERSION}`);
  } catch (error) {
    db.close();
    throw explain(path, error);
  }
  return db;
}

function checkIdentity(path: string, db: Database.Database): void {
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>;
  if (tables.length === 0) return;
  if (!tables.some((t) => t.name === 'corral_meta')) {
    throw new JournalError(path, `is a SQLite database but not a corral journal (tables: ${tables.slice(0, 5).map((t) => t.name).join(', ')}); corral will not write into it`);
  }
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > JOURNAL_VERSION) {
    throw new JournalError(path, `was written by a newer corral (journal version ${version}, this corral reads up to ${JOURNAL_VERSION}); upgrade corral`);
  }
}

/** Brings a journal written by an older corral up to this version, in one transaction. */
function migrate(db: Database.Database): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  const hasTables = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'attempts'").get() !== undefined;
  if (!hasTables || version >= JOURNAL_VERSION) return;
  db.transaction(() => {
    for (let v = version + 1; v <= JOURNAL_VERSION; v++) if (JOURNAL_MIGRATIONS[v]) db.exec(JOURNAL_MIGRATIONS[v]!);
    db.pragma(`user_version = ${JOURNAL_VERSION}`);
  })();
}

function explain(path: string, error: unknown): JournalError {
  if (error instanceof JournalError) return error;
  const code = (error as { code?: string }).code ?? '';
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED' || /locked|busy/i.test(message)) {
    return new JournalError(path, `is locked by another process (${message}); wait for it to finish or use another journal path`, { cause: error });
  }
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT' || /not a database|malformed/i.test(message)) {
    return new JournalError(path, `is corrupt (${message}); corral will not overwrite it: move it away or choose another journal path`, { cause: error });
  }
  return new JournalError(path, message, { cause: error });
}
