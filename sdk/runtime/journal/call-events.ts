/* The task:ready and task:done of a call, which its calls row keeps instead of two event rows. */
import type { EventRow } from './rows.js';

/** What {@link CALL_EVENTS_SQL} reads of a call. */
export interface CallEventRow {
  call_id: string;
  state: string;
  ready_at: number;
  ended_at: number | null;
  endpoint: string | null;
  attempts: number;
  run_seconds: number | null;
  usd: number | null;
  joules: number | null;
}

/** The calls of a run that went to placement, in the order they did. */
export const CALL_EVENTS_SQL = `SELECT call_id, state, ready_at, ended_at, endpoint, attempts, run_seconds, usd, joules
  FROM calls WHERE run_id = ? AND ready_at IS NOT NULL ORDER BY ready_at, seq`;

/**
 * The events a run's calls rows stand for, oldest first: a `task:ready` for
 * each call that went to placement and a `task:done`, with the data the event
 * row used to carry, for each that is done. id 0 marks them as derived (event
 * rows are numbered from 1).
 *
 * @example
 * ```ts
 * callEvents('r1', rows).map((e) => e.type); // ['task:ready', 'task:ready', 'task:done', ...]
 * ```
 */
export function callEvents(runId: string, calls: readonly CallEventRow[]): EventRow[] {
  const ready: EventRow[] = [];
  const done: EventRow[] = [];
  for (const c of calls) {
    ready.push({ id: 0, run_id: runId, call_id: c.call_id, at: c.ready_at, type: 'task:ready', data: null });
    if (c.state === 'done' && c.ended_at !== null) {
      const data = JSON.stringify({ endpoint: c.endpoint, attempt: c.attempts, runSeconds: c.run_seconds, usd: c.usd, joules: c.joules });
      done.push({ id: 0, run_id: runId, call_id: c.call_id, at: c.ended_at, type: 'task:done', data });
    }
  }
  done.sort((a, b) => a.at - b.at);
  return mergeByTime(ready, done);
}

/**
 * Two lists each in time order, merged in time order; on a tie the first
 * list's row comes first, and each list keeps its own order (event rows stay
 * in the order they were written).
 *
 * @example
 * ```ts
 * mergeByTime([{ at: 1 }, { at: 3 }], [{ at: 2 }]); // at 1, 2, 3
 * ```
 */
export function mergeByTime<T extends { readonly at: number }>(first: readonly T[], second: readonly T[]): T[] {
  const out: T[] = [];
  let i = 0;
  let j = 0;
  while (i < first.length && j < second.length) out.push(second[j]!.at < first[i]!.at ? second[j++]! : first[i++]!);
  while (i < first.length) out.push(first[i++]!);
  while (j < second.length) out.push(second[j++]!);
  return out;
}
