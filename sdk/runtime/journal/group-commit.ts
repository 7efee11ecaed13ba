import { ConfigError } from '../config/config-error.js';

/**
 * When the journal's next group commit runs. Each commit costs SQLite a
 * fixed amount (the transaction, one WAL frame per page it touches: hashed
 * call keys and in-flight rows sit on many distinct pages), so a busy run
 * gains from fewer, larger commits; a light one (a chain, one call at a time)
 * must not wait, as each of its results is released only after its commit.
 */
export interface GroupCommitPacing {
  /**
   * A commit that carried at least this many row writes marks the run busy:
   * the next commit waits `deferMs` for more writes to join it.
   */
  readonly busyWrites: number;
  /** How long a busy run's commit waits, in ms. */
  readonly deferMs: number;
  /** A waiting commit runs at once when its batch reaches this many row writes, however long it has waited. */
  readonly maxWrites: number;
  /**
   * A new call that corral has not yet sent to an endpoint (waiting for its
   * inputs, or queued for a slot) is first written once it has waited this
   * long, in ms, or with the change that sends it: most calls wait less, and
   * then cost one row write instead of an insert and an update. A call sent
   * to an endpoint is written with the next commit, as before (a killed run's
   * interrupted attempts are in the journal); `corral show` of a live run
   * lists a waiting call after this delay.
   */
  readonly holdUnsentMs: number;
}

/**
 * corral's pacing. Under 10,000 no-op calls in flight a commit at every turn of
 * the event loop carries ~100 row writes (~44 calls); waiting a few ms makes it
 * several times that. A workflow with a few calls in flight stays below
 * `busyWrites` and commits at every turn, as before.
 */
export const GROUP_COMMIT_PACING: GroupCommitPacing = { busyWrites: 64, deferMs: 5, maxWrites: 4096, holdUnsentMs: 2000 };

// What each pacing field may be: [least, most, whole numbers only].
const PACING_LIMITS: { readonly [K in keyof GroupCommitPacing]: readonly [number, number, boolean] } = {
  busyWrites: [0, 1_000_000, true],
  deferMs: [0, 3_600_000, false],
  maxWrites: [1, 1_000_000, true],
  holdUnsentMs: [0, 3_600_000, false],
};

/**
 * corral's pacing with `options` applied, each field checked: a bad one is a
 * ConfigError naming `options.groupCommit.<field>` and the value.
 *
 * @example
 * ```ts
 * groupCommitPacing({ deferMs: 2 });           // { busyWrites: 64, deferMs: 2, maxWrites: 4096, holdUnsentMs: 2000 }
 * groupCommitPacing({ holdUnsentMs: Infinity }); // ConfigError: Journal.open: options.groupCommit.holdUnsentMs must be a number of ms from 0 to 3600000 (got Infinity)
 * ```
 */
export function groupCommitPacing(options: Partial<GroupCommitPacing> = {}): GroupCommitPacing {
  const field = (name: string, detail: string) => new ConfigError('Journal.open', undefined, undefined, name ? `options.groupCommit.${name}` : 'options.groupCommit', detail);
  if (options === null || typeof options !== 'object') throw field('', `must be an object (got ${String(options)})`);
  for (const [name, value] of Object.entries(options)) {
    const limits = PACING_LIMITS[name as keyof GroupCommitPacing] as readonly [number, number, boolean] | undefined;
    if (!limits) throw field(name, `is not a pacing field (fields: ${Object.keys(PACING_LIMITS).join(', ')})`);
    if (value === undefined) continue;
    const [least, most, whole] = limits;
    if (typeof value !== 'number' || !(value >= least && value <= most) || (whole && !Number.isInteger(value))) {
      throw field(name, `must be ${whole ? 'a whole number' : 'a number of ms'} from ${least} to ${most} (got ${typeof value === 'string' ? JSON.stringify(value) : String(value)})`);
    }
  }
  return { ...GROUP_COMMIT_PACING, ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) };
}

/**
 * How long the next commit waits after a commit of `lastWrites` row writes:
 * 0 (the next turn of the event loop) unless the run is busy.
 *
 * @example
 * ```ts
 * commitDelay(GROUP_COMMIT_PACING, 3);   // 0: a light run commits at once
 * commitDelay(GROUP_COMMIT_PACING, 120); // 5
 * ```
 */
export function commitDelay(pacing: GroupCommitPacing, lastWrites: number): number {
  return lastWrites >= pacing.busyWrites ? pacing.deferMs : 0;
}
