export { JournalError } from './journal-error.js';
export { CLIENT_SITE, throughClient, type DataMove } from './data-move.js';
export { journalPath } from './journal-path.js';
export { openCorralDatabase, openCorralDatabaseReadOnly } from './open-database.js';
export { explainJournalError } from './check-database.js';
export { migrateDatabase } from './migrate.js';
export { MIGRATIONS, JOURNAL_VERSION, JOURNAL_APPLICATION, type Migration } from './schema.js';
export { multiRowInsertSql, insertChunkEnd, INSERT_CHUNK } from './multi-row-insert.js';
export { callKeyHash } from './call-key-hash.js';
