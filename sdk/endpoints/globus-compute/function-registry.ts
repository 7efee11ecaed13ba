import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

/**
 * Globus Compute function ids by (client identity, program key), kept in a
 * small table of corral's database (`.corral/corral.db` by default) so a
 * bundle is registered once, across bridge restarts and corral runs.
 *
 * @example
 * ```ts
 * const registry = new FunctionRegistry('.corral/corral.db');
 * registry.remember('client-id', 'bundle:ab12', 'fn-uuid');
 * registry.lookup('client-id', 'bundle:ab12'); // 'fn-uuid'
 * ```
 */
export class FunctionRegistry {
  private readonly db: Database.Database;

  constructor(readonly path: string) {
    mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(`CREATE TABLE IF NOT EXISTS globus_compute_functions (
      client_id TEXT NOT NULL, program_key TEXT NOT NULL, function_id TEXT NOT NULL, registered_at INTEGER NOT NULL,
      PRIMARY KEY (client_id, program_key))`);
  }

  lookup(clientId: string, programKey: string): string | undefined {
    const row = this.db.prepare('SELECT function_id FROM globus_compute_functions WHERE client_id = ? AND program_key = ?').get(clientId, programKey) as { function_id: string } | undefined;
    return row?.function_id;
  }

  remember(clientId: string, programKey: string, functionId: string): void {
    this.db.prepare('INSERT OR REPLACE INTO globus_compute_functions VALUES (?, ?, ?, ?)').run(clientId, programKey, functionId, Date.now());
  }

  close(): void { this.db.close(); }
}
