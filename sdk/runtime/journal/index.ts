export { Journal, encodeValue, decodeValue, type JournalWaiter } from './journal.js';
export { JournalError } from './journal-error.js';
export { UnknownRunError } from './unknown-run-error.js';
export { JOURNAL_VERSION } from './schema.js';
export { journalPath } from './journal-path.js';
export { parseStoredError, parseDependsOn, parseStoredJson, type StoredError } from './stored-fields.js';
export type { RunRow, CallRow, AttemptRow, EventRow } from './rows.js';
export { recordDataMove, dataMoves, dataSummary, DATA_MOVES_SCHEMA, type DataMove } from './data-moves.js';
