import { throughClient, type DataMove } from '../../database/index.js';
import type { Statement } from 'better-sqlite3';
import type { Journal } from './journal.js';

/**
 * Queues a move for the journal's next group commit (`viaClient` defaults to
 * whether either end is the client).
 *
 * @example
 * ```ts
 * recordDataMove(journal, runId, { from: 'dask:tcp://10.0.0.5:8786', to: 'client', bytes: 8e6, seconds: 0.4, viaClient: true });
 * ```
 */
export function recordDataMove(journal: Journal, runId: string, move: DataMove, at = Date.now()): void {
  journal.write(() => insertOf(journal).run(runId, move.callId ?? null, move.refId ?? null, at, move.from, move.to, Math.round(move.bytes), move.seconds, throughClient(move) ? 1 : 0));
  for (const watcher of watchers.get(journal) ?? []) {
    try { watcher(move); } catch { /* a watcher must never break a run */ }
  }
}

// Prepared once per journal: a run with a data plane records moves for most of its calls.
const inserts = new WeakMap<Journal, Statement>();

function insertOf(journal: Journal): Statement {
  let insert = inserts.get(journal);
  if (!insert) {
    insert = journal.db.prepare(`INSERT INTO data_moves (run_id, call_id, ref_id, at, from_site, to_site, bytes, seconds, via_client)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    inserts.set(journal, insert);
  }
  return insert;
}

// Per journal, not per session: every run of a session records its moves through the session's one journal.
const watchers = new WeakMap<Journal, Set<(move: DataMove) => void>>();

/**
 * Calls `watcher` with every move recorded in `journal` from now on (the
 * session's transfer model learns from them); returns the unsubscribe function.
 *
 * @example
 * ```ts
 * const stop = watchDataMoves(journal, (m) => overheads.observeMoves([m]));
 * ```
 */
export function watchDataMoves(journal: Journal, watcher: (move: DataMove) => void): () => void {
  let set = watchers.get(journal);
  if (!set) watchers.set(journal, (set = new Set()));
  set.add(watcher);
  return () => set.delete(watcher);
}

/**
 * The most recent moves of every run whose seconds were measured (fetches
 * and copies between stores), oldest first: what a session's transfer model
 * learns from when it opens. None when the journal predates the table.
 *
 * @example
 * ```ts
 * overheads.observeMoves(measuredMoves(journal)); // [{ from: 'aws', to: 'client', bytes: 8e6, seconds: 0.4 }, ...]
 * ```
 */
export function measuredMoves(journal: Journal, limit = 2000): Array<{ from: string; to: string; bytes: number; seconds: number }> {
  if (!journal.hasTable('data_moves')) return [];
  const rows = journal.select<{ from_site: string; to_site: string; bytes: number; seconds: number }>('data_moves', `SELECT from_site, to_site, bytes, seconds FROM data_moves
    WHERE seconds > 0 AND from_site <> to_site ORDER BY id DESC LIMIT ?`, limit);
  return rows.reverse().map((r) => ({ from: r.from_site, to: r.to_site, bytes: r.bytes, seconds: r.seconds }));
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
  if (!journal.hasTable('data_moves')) return [];
  const rows = journal.select<{
    call_id: string | null; ref_id: string | null; from_site: string; to_site: string; bytes: number; seconds: number | null; via_client: number;
  }>('data_moves', 'SELECT call_id, ref_id, from_site, to_site, bytes, seconds, via_client FROM data_moves WHERE run_id = ? ORDER BY id', runId);
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
