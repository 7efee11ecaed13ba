import type { Journal } from './journal.js';

/** One movement of data between sites. */
export interface DataMove {
  readonly from: string;
  readonly to: string;
  readonly bytes: number;
  /** Measured seconds, or null when the move was part of something larger (an attempt's payload, Dask moving data between its workers). */
  readonly seconds: number | null;
  /** The bytes passed through the runtime's process (the client). */
  readonly viaClient: boolean;
  readonly callId?: string;
  readonly refId?: string;
}

/**
 * Queues a move for the journal's next group commit.
 *
 * @example
 * ```ts
 * recordDataMove(journal, runId, { from: 'dask:tcp://10.0.0.5:8786', to: 'client', bytes: 8e6, seconds: 0.4, viaClient: true });
 * ```
 */
export function recordDataMove(journal: Journal, runId: string, move: DataMove, at = Date.now()): void {
  journal.write(() => journal.db.prepare(`INSERT INTO data_moves (run_id, call_id, ref_id, at, from_site, to_site, bytes, seconds, via_client)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(runId, move.callId ?? null, move.refId ?? null, at, move.from, move.to, Math.round(move.bytes), move.seconds, move.viaClient ? 1 : 0));
}

/**
 * The moves of a run, oldest first; none when the journal predates the table
 * (a read-only journal of an older corral).
 *
 * @example
 * ```ts
 * const through = dataMoves(journal, runId).filter((m) => m.viaClient).reduce((n, m) => n + m.bytes, 0);
 * ```
 */
export function dataMoves(journal: Journal, runId: string): DataMove[] {
  journal.flush();
  const exists = journal.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'data_moves'").get();
  if (!exists) return [];
  const rows = journal.db.prepare('SELECT call_id, ref_id, from_site, to_site, bytes, seconds, via_client FROM data_moves WHERE run_id = ? ORDER BY id').all(runId) as Array<{
    call_id: string | null; ref_id: string | null; from_site: string; to_site: string; bytes: number; seconds: number | null; via_client: number;
  }>;
  return rows.map((r) => ({
    from: r.from_site, to: r.to_site, bytes: r.bytes, seconds: r.seconds, viaClient: r.via_client === 1,
    ...(r.call_id ? { callId: r.call_id } : {}), ...(r.ref_id ? { refId: r.ref_id } : {}),
  }));
}

/**
 * What `corral show --json` reports about a run's data: bytes through the
 * client and every move.
 *
 * @example
 * ```ts
 * dataSummary(journal, runId); // { bytesThroughClient: 1830, moved: [{ from: 'dask:…', to: 'local:…', bytes: 8e6, seconds: 0.2 }] }
 * ```
 */
export function dataSummary(journal: Journal, runId: string): { bytesThroughClient: number; moved: Array<{ from: string; to: string; bytes: number; seconds: number | null }> } {
  const moves = dataMoves(journal, runId);
  return {
    bytesThroughClient: moves.filter((m) => m.viaClient).reduce((n, m) => n + m.bytes, 0),
    moved: moves.map((m) => ({ from: m.from, to: m.to, bytes: m.bytes, seconds: m.seconds })),
  };
}
