/** What a {@link CorralError} is built with beyond its message. */
export interface CorralErrorOptions {
  /** The error this one explains (kept as `cause`). */
  readonly cause?: unknown;
  /** Whether running the same thing again may succeed (default false). */
  readonly retryable?: boolean;
}

/**
 * The base of every error corral throws: a stable `code` (`CORRAL_...`) to
 * branch on, a message naming what was wrong and where, and `retryable`:
 * whether the same work may succeed if run again (a crashed or preempted
 * attempt) or not (a bad option, a payload too large). The failure carries
 * the flag itself, so the runtime needs no list of error names.
 *
 * @example
 * ```ts
 * try { await corral.run(Images, 'pipeline', imgs); } catch (e) {
 *   if (e instanceof CorralError) console.error(e.code, e.retryable ? '(worth retrying)' : '', e.message);
 * }
 * ```
 */
export abstract class CorralError extends Error {
  /** Stable identifier of this kind of failure, e.g. `CORRAL_CONFIG`. */
  abstract readonly code: string;
  readonly retryable: boolean;

  constructor(message: string, options: CorralErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.retryable = options.retryable ?? false;
  }
}
