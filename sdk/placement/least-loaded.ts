import type { PlacementPolicy } from './policy.js';

/**
 * Sends each call to the candidate with the most idle capacity per worker;
 * ties go to the first listed. Needs no prediction at all.
 *
 * @example
 * ```ts
 * const corral = await Corral.open({ policy: 'least-loaded' });
 * ```
 */
export const leastLoaded: PlacementPolicy = {
  name: 'least-loaded',
  place(ctx) {
    let best = ctx.candidates[0]!;
    let bestLoad = best.load / best.workers;
    for (let i = 1; i < ctx.candidates.length; i++) {
      const c = ctx.candidates[i]!;
      const load = c.load / c.workers;
      if (load < bestLoad) { best = c; bestLoad = load; }
    }
    return { endpoint: best.name, reason: 'least loaded' };
  },
};
