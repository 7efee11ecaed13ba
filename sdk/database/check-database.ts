import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { JournalError } from './journal-error.js';
import { migrateDatabase } from './migrate.js';
import { ADDED_COLUMNS, JOURNAL_VERSION } from './schema.js';

const SQLITE_MAGIC = 'SQLite format 3\u0000';

/** Refuses a path that cannot be a journal file before SQLite opens it: a folder, or a file that is not SQLite. */
export function checkJournalFile(path: string): void {
  if (!existsSync(path)) return;
  const stat = statSync(path);
  if (stat.isDirectory()) {
    throw new JournalError(path, 'is a directory, not a journal file: pass a file path such as --journal DIR/corral.db');
  }
  if (stat.size === 0) return;
  const head = Buffer.alloc(16);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, head, 0, 16, 0);
  } finally {
    closeSync(fd);
  }
  if (head.toString('latin1') !== SQLITE_MAGIC) {
    throw new JournalError(path, 'is not a SQLite database (corrupt or foreign file); corral will not overwrite it: move it away or choose another journal path');
  }
}

/** Refuses a SQLite file that is not a corral journal, or one from a newer corral. Reads only. */
export function checkJournalIdentity(path: string, db: Database.Database): void {
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>;
  if (tables.length === 0) return;
  // Older corrals let the profile store or the Globus function registry create the file alone, without corral_meta.
  if (!tables.some((t) => t.name === 'corral_meta') && !tables.every((t) => corralTables().has(t.name))) {
    throw new JournalError(path, `is a SQLite database but not a corral journal (tables: ${tables.slice(0, 5).map((t) => t.name).join(', ')}); corral will not write into it`);
  }
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > JOURNAL_VERSION) {
    throw new JournalError(path, `was written by a newer corral (journal version ${version}, this corral reads up to ${JOURNAL_VERSION}); upgrade corral`);
  }
}

/** The columns a table of corral's schema must have, and those it may lack (added by a later migration). */
interface TableColumns {
  readonly all: readonly string[];
  readonly optional: readonly string[];
}

let known: Map<string, TableColumns> | undefined;

/** Every table corral's schema makes (sqlite_sequence included), with its columns: built once from the migrations themselves. */
function corralSchema(): Map<string, TableColumns> {
  if (!known) {
    const db = new Database(':memory:');
    try {
      migrateDatabase(db);
      known = new Map((db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>)
        .map(({ name }) => [name, { all: tableColumns(db, name), optional: ADDED_COLUMNS[name] ?? [] }]));
    } finally {
      db.close();
    }
  }
  return known;
}

function corralTables(): ReadonlySet<string> {
  return new Set(corralSchema().keys());
}

function tableColumns(db: Database.Database, table: string): string[] {
  return (db.prepare('SELECT name FROM pragma_table_info(?)').all(table) as Array<{ name: string }>).map((c) => c.name);
}

/**
 * Refuses a journal whose schema text was damaged: quick_check reads pages,
 * not whether a table still has the columns corral reads, so a flipped byte
 * in a CREATE statement would otherwise surface later as a bare
 * "no such column". A column later migrations add may be missing (an older
 * file); an unknown table or column, or a missing original one, is damage.
 */
export function checkJournalColumns(path: string, db: Database.Database): void {
  const schema = corralSchema();
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>;
  for (const { name } of tables) {
    const expected = schema.get(name);
    if (!expected) {
      throw new JournalError(path, `has a table "${name}" that corral does not make (the schema is damaged or was edited); corral will not use it: move it away, or recover what is readable with \`sqlite3 ${path} .recover\``);
    }
    const have = tableColumns(db, name);
    const unknown = have.filter((c) => !expected.all.includes(c));
    const missing = expected.all.filter((c) => !have.includes(c) && !expected.optional.includes(c));
    if (unknown.length > 0 || missing.length > 0) {
      const what = [missing.length > 0 ? `lacks column(s) ${missing.join(', ')}` : '', unknown.length > 0 ? `has unknown column(s) ${unknown.join(', ')}` : ''].filter(Boolean).join(' and ');
      throw new JournalError(path, `table ${name} ${what} (the schema is damaged or was edited); corral will not use it: move it away, or recover what is readable with \`sqlite3 ${path} .recover\``);
    }
  }
}

/**
 * Refuses a damaged journal (pages overwritten, truncated): SQLite's quick
 * check reads every page once, so appending a run never goes into a file whose
 * earlier runs are already lost.
 */
export function checkJournalIntegrity(path: string, db: Database.Database): void {
  const rows = db.pragma('quick_check(3)') as Array<{ quick_check: string }>;
  const problems = rows.map((r) => r.quick_check).filter((r) => r !== 'ok');
  if (problems.length > 0) {
    throw new JournalError(path, `is damaged (SQLite quick_check: ${problems.join('; ')}); corral will not write into it: move it away, or recover what is readable with \`sqlite3 ${path} .recover\``);
  }
}

/** Turns what SQLite or the file system threw while opening or reading a journal into a JournalError naming the file. */
export function explainJournalError(path: string, error: unknown): JournalError {
  if (error instanceof JournalError) return error;
  const code = (error as { code?: string }).code ?? '';
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED' || /locked|busy/i.test(message)) {
    return new JournalError(path, `is locked by another process (${message}); wait for it to finish or use another journal path`, { cause: error });
  }
  if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT') || /not a database|malformed/i.test(message)) {
    return new JournalError(path, `is damaged (${message}); corral will not write into it: move it away or choose another journal path`, { cause: error });
  }
  if (code.startsWith('SQLITE_READONLY') || code === 'EACCES' || code === 'EPERM' || /readonly|read-only/i.test(message)) {
    return new JournalError(path, `cannot be written (${message}): make the file and its folder writable, or choose another journal path (reading commands such as \`corral runs\` and \`corral show\` still work)`, { cause: error });
  }
  if (code === 'EISDIR' || code === 'ENOTDIR' || code.startsWith('SQLITE_CANTOPEN')) {
    return new JournalError(path, `cannot be opened (${message}): the path or one of its folders is not usable as a journal file`, { cause: error });
  }
  return new JournalError(path, message, { cause: error });
}
