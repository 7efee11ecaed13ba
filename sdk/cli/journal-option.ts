import { Journal, journalPath } from '../runtime/index.js';

export { journalPath };

/** Opens the journal for reading and always closes it. */
export async function withJournal<T>(option: string | undefined, use: (journal: Journal) => T | Promise<T>): Promise<T> {
  const journal = Journal.open(journalPath(option));
  try {
    return await use(journal);
  } finally {
    journal.close();
  }
}
