/**
 * The time a dispatcher runs on: the wall clock in a real run; a driver on a
 * virtual clock (a what-if run) passes its own.
 *
 * @example
 * ```ts
 * const clock: Clock = { now: () => virtualMs, after: (ms, fn) => queue.push(virtualMs + ms, fn) };
 * ```
 */
export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
  /** Calls `fn` after `ms` milliseconds. Whatever waits on it keeps the process alive. */
  after(ms: number, fn: () => void): void;
}

/** The wall clock. */
export const wallClock: Clock = {
  now: () => Date.now(),
  after: (ms, fn) => { setTimeout(fn, ms); },
};
