import { Journal, journalPath } from '../runtime/index.js';

export { journalPath };

/** Opens the journal read-only (a read-only file works; nothing is ever changed) and always closes it. */
export async function withJournal<T>(option: string | undefined, use: (journal: Journal) => T | Promise<T>): Promise<T> {
  const journal = Journal.openReadOnly(journalPath(option));
  try {
    return await use(journal);
  } finally {
    journal.close();
  }
}

/** The run a command means: the one given, else the journal's newest (a command's RUN_ID may be left out). */
export function runIdOrNewest(journal: Journal, given: string | undefined): string {
  if (given) return given;
  const newest = journal.listRuns(1)[0];
  if (!newest) throw new Error(`no runs in journal ${journal.path}: run a workflow first (corral run SCRIPT)`);
  return newest.id;
}
