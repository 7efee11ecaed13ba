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
