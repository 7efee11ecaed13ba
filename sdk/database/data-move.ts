/** The site name of the machine running corral, in moves that pass through it. */
export const CLIENT_SITE = 'client';

/**
 * One movement of data between sites (transfer groups): a row of the
 * journal's `data_moves` table, and the one shape every part of corral
 * reports a move in: the data plane's copies between stores, an endpoint's
 * timed puts and reads of its store, the runtime's fetches, and what the
 * transfer model learns from. (A plan's predicted moves, per edge of the
 * task graph with dollars, are placement's `PlannedMove`.)
 *
 * @example
 * ```ts
 * const move: DataMove = { from: 'campus', to: 'client', bytes: 20_000_168, seconds: 0.21, callId: 'c4', refId: '0b7e…' };
 * ```
 */
export interface DataMove {
  /** Site the bytes left; {@link CLIENT_SITE} for the machine running corral. */
  readonly from: string;
  /** Site the bytes reached. */
  readonly to: string;
  readonly bytes: number;
  /**
   * Seconds of the transfer alone (not encoding or decoding), or null when it
   * was not timed apart (an attempt's payload, Dask moving data between its workers).
   */
  readonly seconds: number | null;
  /** The bytes passed through the runtime's process; when absent, whether `from` or `to` is {@link CLIENT_SITE}. */
  readonly viaClient?: boolean;
  /** The call that needed the bytes, when a call did (not the orchestrating code awaiting a value). */
  readonly callId?: string;
  /** The reference moved, when the bytes were a kept result. */
  readonly refId?: string;
}

/**
 * Whether a move's bytes passed through the runtime's process.
 *
 * @example
 * ```ts
 * throughClient({ from: 'campus', to: 'client', bytes: 8e6, seconds: 0.1 }); // true
 * ```
 */
export function throughClient(move: DataMove): boolean {
  return move.viaClient ?? (move.from === CLIENT_SITE || move.to === CLIENT_SITE);
}
