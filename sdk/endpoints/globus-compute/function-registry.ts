import type Database from 'better-sqlite3';
import { journalPath, openCorralDatabase } from '../../database/index.js';

/**
 * Globus Compute function ids by (client identity, program key), kept in a
 * small table of corral's database (the journal: --journal, $CORRAL_JOURNAL or
 * `.corral/corral.db`) so a bundle is registered once, across bridge restarts
 * and corral runs.
 *
 * @example
 * ```ts
 * const registry = new FunctionRegistry(); // the journal's file
 * registry.remember('client-id', 'bundle:ab12', 'fn-uuid');
 * registry.lookup('client-id', 'bundle:ab12'); // 'fn-uuid'
 * ```
 */
export class FunctionRegistry {
  private readonly db: Database.Database;

  readonly path: string;

  /** Opens the registry in the database at `path` (default: the journal's path rule). */
  constructor(path?: string) {
    this.path = journalPath(path);
    this.db = openCorralDatabase(this.path);
  }

  lookup(clientId: string, programKey: string): string | undefined {
    const row = this.db.prepare('SELECT function_id FROM globus_compute_functions WHERE client_id = ? AND program_key = ?').get(clientId, programKey) as { function_id: string } | undefined;
    return row?.function_id;
  }

  remember(clientId: string, programKey: string, functionId: string): void {
    this.db.prepare('INSERT OR REPLACE INTO globus_compute_functions (client_id, program_key, function_id, registered_at) VALUES (?, ?, ?, ?)').run(clientId, programKey, functionId, Date.now());
  }

  close(): void { this.db.close(); }
}
