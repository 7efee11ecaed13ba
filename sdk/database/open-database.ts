import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { JournalError } from './journal-error.js';
import { checkJournalColumns, checkJournalFile, checkJournalIdentity, checkJournalIntegrity, explainJournalError } from './check-database.js';
import { migrateDatabase } from './migrate.js';

/**
 * Page cache of a writing connection, in KiB (negative: SQLite's unit for
 * KiB). better-sqlite3 builds SQLite with 16 MB per connection; the journal
 * mostly appends, and over a 100,000-call run SQLite's own default of 2 MB
 * costs no measurable CPU while keeping ~16 MB out of the process.
 */
const WRITER_CACHE_KIB = -2048;

/**
 * WAL frames (pages) after which a commit copies the WAL back into the file
 * (SQLite's default: 1,000, 4 MB). A busy run rewrites the same pages (its
 * in-flight rows, the pages of its call-key index) commit after commit; a
 * checkpoint every 8,000 frames copies each of them once per 32 MB of WAL
 * rather than once per 4 MB, and fsyncs an eighth as often. The WAL file grows
 * to about 32 MB while a run writes and is removed when the last connection closes.
 */
const WAL_AUTOCHECKPOINT_PAGES = 8000;

/**
 * Opens (or creates) corral's database for writing: WAL, a corral file of a
 * version we can read, undamaged, migrated to this version. Every check runs
 * before the first write, so a refused file (foreign, corrupt, newer) is left
 * byte for byte as it was. The journal, and every module keeping tables in the
 * same file (the Globus function registry), open it here.
 *
 * @example
 * ```ts
 * const db = openCorralDatabase(journalPath()); // .corral/corral.db, or $CORRAL_JOURNAL
 * ```
 */
export function openCorralDatabase(path: string): Database.Database {
  const memory = path === ':memory:';
  if (!memory) {
    checkJournalFile(path);
    mkdirSync(dirname(path), { recursive: true });
  }
  let db: Database.Database;
  try {
    db = new Database(path, { timeout: 5000 });
  } catch (error) {
    throw explainJournalError(path, error);
  }
  try {
    checkJournalIdentity(path, db);
    checkJournalIntegrity(path, db);
    checkJournalColumns(path, db);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma(`cache_size = ${WRITER_CACHE_KIB}`);
    db.pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`);
    migrateDatabase(db);
  } catch (error) {
    db.close();
    throw explainJournalError(path, error);
  }
  return db;
}

/**
 * Opens an existing corral database for reading only (`corral runs`, `show`,
 * `report`): works on a read-only file or folder and can never change the file.
 *
 * @example
 * ```ts
 * const db = openCorralDatabaseReadOnly('.corral/corral.db');
 * ```
 */
export function openCorralDatabaseReadOnly(path: string): Database.Database {
  checkJournalFile(path);
  if (!existsSync(path) || statSync(path).size === 0) {
    throw new JournalError(path, 'does not exist yet: no run has been recorded there (start one with `corral run`, or pass --journal FILE)');
  }
  let db: Database.Database;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true, timeout: 5000 });
    db.prepare('SELECT 1 FROM sqlite_master LIMIT 1').all();
  } catch (error) {
    if (!/^SQLITE_(READONLY|CANTOPEN)/.test((error as { code?: string }).code ?? '')) throw explainJournalError(path, error);
    db = copyInMemory(path);
  }
  try {
    checkJournalIdentity(path, db);
    checkJournalIntegrity(path, db);
    checkJournalColumns(path, db);
  } catch (error) {
    db.close();
    throw explainJournalError(path, error);
  }
  return db;
}

/**
 * A read-only copy of a journal whose folder cannot be written: SQLite cannot
 * read a WAL file in place without creating its shared-memory file beside it.
 * The copy is marked as a rollback-journal database (header bytes 18-19), which
 * it is once no writer has it open; the file itself is only read.
 */
function copyInMemory(path: string): Database.Database {
  let image: Buffer;
  try {
    image = readFileSync(path);
  } catch (error) {
    throw explainJournalError(path, error);
  }
  if (image.length > 19 && image[18] === 2 && image[19] === 2) image[18] = image[19] = 1;
  try {
    return new Database(image, { readonly: true });
  } catch (error) {
    throw explainJournalError(path, error);
  }
}
