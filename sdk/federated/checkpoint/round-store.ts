import type Database from 'better-sqlite3';
import { deserialize, serialize } from 'node:v8';
import { migrateDatabase } from '../../database/index.js';
import { FederatedConfigError } from '../errors.js';
import type { StrategyState } from '../strategies/strategy.js';

/**
 * One finished round as checkpointed.
 *
 * @example
 * ```ts
 * const { round, weights, metrics } = store.last('digits')!;
 * ```
 */
export interface RoundCheckpoint {
  readonly runId: string;
  readonly round: number;
  readonly weights: Float32Array;
  readonly shapes: readonly (readonly number[])[];
  readonly metrics: Readonly<Record<string, number>>;
  /** Client speeds the tuner had measured, so a resumed run keeps its tuning. */
  readonly speeds?: Readonly<Record<string, { samplesPerS: number; fixedSeconds: number }>>;
  /** The strategy's name and its state after this round (server-optimiser moments), so a resumed run continues exactly. */
  readonly strategy?: { readonly name: string; readonly state?: StrategyState };
  readonly at: number;
}

/**
 * Federated rounds in the corral SQLite database (table `fl_rounds`): the
 * global model and metrics of each finished round, one transaction per round,
 * so a killed run resumes at the last finished round.
 *
 * @example
 * ```ts
 * const store = new RoundStore(new Database('.corral/corral.db'));
 * const last = store.last('digits-fedavg'); // undefined on a fresh run
 * ```
 */
export class RoundStore {
  constructor(private readonly db: Database.Database) {
    // Its table is part of corral's one schema (sdk/database/schema.ts), migrated from any older shape there.
    migrateDatabase(db);
  }

  save(c: RoundCheckpoint): void {
    const blob = Buffer.from(c.weights.buffer, c.weights.byteOffset, c.weights.byteLength);
    // v8 serialisation keeps the optimiser's Float64Arrays exact (JSON would round-trip them through decimal text).
    const state = c.strategy?.state ? serialize(c.strategy.state) : null;
    this.db.prepare('INSERT OR REPLACE INTO fl_rounds (run_id, round, weights, shapes, metrics, speeds, at, strategy, strategy_state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(c.runId, c.round, blob, JSON.stringify(c.shapes), JSON.stringify(c.metrics), c.speeds ? JSON.stringify(c.speeds) : null, c.at, c.strategy?.name ?? null, state);
  }

  /** The last finished round of a run, or undefined. */
  last(runId: string): RoundCheckpoint | undefined {
    const row = this.db.prepare('SELECT * FROM fl_rounds WHERE run_id = ? ORDER BY round DESC LIMIT 1').get(runId) as Row | undefined;
    return row && this.decode(row);
  }

  /** Every finished round of a run, in order (for the run report). */
  rounds(runId: string): RoundCheckpoint[] {
    return (this.db.prepare('SELECT * FROM fl_rounds WHERE run_id = ? ORDER BY round').all(runId) as Row[]).map((r) => this.decode(r));
  }

  private decode(row: Row): RoundCheckpoint {
    const bytes = new Uint8Array(row.weights.byteLength);
    bytes.set(row.weights);
    if (bytes.byteLength % 4 !== 0) throw new FederatedConfigError(`fl_rounds row ${row.run_id}/${row.round}: weights blob of ${bytes.byteLength} bytes is not float32 data`);
    return {
      runId: row.run_id, round: row.round, weights: new Float32Array(bytes.buffer), shapes: JSON.parse(row.shapes) as number[][],
      metrics: JSON.parse(row.metrics) as Record<string, number>, speeds: row.speeds ? JSON.parse(row.speeds) : undefined, at: row.at,
      ...(row.strategy ? { strategy: { name: row.strategy, ...(row.strategy_state ? { state: deserialize(row.strategy_state) as StrategyState } : {}) } } : {}),
    };
  }
}

interface Row { run_id: string; round: number; weights: Buffer; shapes: string; metrics: string; speeds: string | null; at: number; strategy: string | null; strategy_state: Buffer | null }
