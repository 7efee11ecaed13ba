import type { PlacementPolicy } from '../policy.js';
import { argmin } from './finish-time.js';

/**
 * Always the endpoint with the smallest predicted run time, whatever its
 * queue: DELTA's "fastest endpoint" baseline.
 *
 * @example
 * ```ts
 * const corral = await Corral.open({ policy: 'fastest' });
 * ```
 */
export const fastest: PlacementPolicy = {
  name: 'fastest',
  place(ctx) {
    const c = argmin(ctx.candidates, (c) => c.prediction.seconds);
    return { endpoint: c.name, reason: `fastest: ${c.prediction.seconds.toPrecision(3)} s predicted run` };
  },
};
