import { resolve } from 'node:path';
import { Journal } from '../runtime/index.js';

/** The journal path the CLI uses: --journal, else $CORRAL_JOURNAL, else .corral/corral.db. */
export function journalPath(option?: string): string {
  return resolve(option ?? process.env.CORRAL_JOURNAL ?? '.corral/corral.db');
}

/** Opens the journal for reading and always closes it. */
export async function withJournal<T>(option: string | undefined, use: (journal: Journal) => T | Promise<T>): Promise<T> {
  const journal = Journal.open(journalPath(option));
  try {
    return await use(journal);
  } finally {
    journal.close();
  }
}
