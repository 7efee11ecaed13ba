export { Journal, type JournalWaiter } from './journal.js';
export { encodeValue, decodeValue } from './stored-value.js';
export { JournalError, JOURNAL_VERSION, journalPath } from '../../database/index.js';
export { UnknownRunError } from './unknown-run-error.js';
export { parseStoredError, parseDependsOn, parseStoredJson, encodeJson, encodeError, type StoredError } from './json-columns.js';
export type { RunRow, CallRow, AttemptRow, EventRow } from './rows.js';
export type { RunStart, RunEnd, CallStart, CallPlacement, AttemptStart, AttemptEnd, CallEnd, CallFailure, EventRecord } from './records.js';
export { recordDataMove, dataMoves, dataSummary, measuredMoves, watchDataMoves } from './data-moves.js';
export type { DataMove } from '../../database/index.js';
