import type { PlacementPolicy } from '../policy.js';

/**
 * Each call to the next candidate in turn (per policy instance): DELTA's
 * round-robin baseline.
 *
 * @example
 * ```ts
 * const policy = createPolicy('round-robin'); // a fresh rotation per run
 * ```
 */
export function roundRobin(): PlacementPolicy {
  let next = 0;
  return {
    name: 'round-robin',
    place(ctx) {
      const c = ctx.candidates[next++ % ctx.candidates.length]!;
      return { endpoint: c.name, reason: 'round-robin' };
    },
  };
}
