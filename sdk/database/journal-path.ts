import { resolve } from 'node:path';

/**
 * Where the journal is: the path given, else $CORRAL_JOURNAL, else
 * .corral/corral.db in the working directory.
 *
 * @example
 * ```ts
 * journalPath();              // /project/.corral/corral.db
 * journalPath('runs.db');     // /project/runs.db
 * ```
 */
export function journalPath(given?: string): string {
  return resolve(given ?? process.env.CORRAL_JOURNAL ?? '.corral/corral.db');
}
