import type Database from 'better-sqlite3';
import { JOURNAL_APPLICATION, JOURNAL_VERSION, MIGRATIONS } from './schema.js';

/**
 * Brings a corral database up to {@link JOURNAL_VERSION}: applies, in one
 * transaction, every migration newer than the file's `PRAGMA user_version`,
 * in order. Idempotent; a file already at this version is only read.
 * Refusing a newer or foreign file is the caller's job (`openCorralDatabase`
 * does both before migrating).
 *
 * @example
 * ```ts
 * const db = new Database(':memory:');
 * migrateDatabase(db); // every table of corral's database now exists
 * ```
 */
export function migrateDatabase(db: Database.Database): void {
  // A read-only handle (`corral show`, `plan`, `report`) reads an older file as it is: the readers tolerate missing columns.
  if (db.readonly) return;
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version >= JOURNAL_VERSION) return;
  db.transaction(() => {
    for (const m of MIGRATIONS) {
      if (m.version <= version) continue;
      if (typeof m.up === 'string') db.exec(m.up);
      else m.up(db);
    }
    db.prepare('INSERT OR IGNORE INTO corral_meta (key, value) VALUES (?, ?)').run('application', JOURNAL_APPLICATION);
    db.pragma(`user_version = ${JOURNAL_VERSION}`);
  })();
}
