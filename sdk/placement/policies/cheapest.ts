import type { PlacementPolicy } from '../policy.js';
import { argmin, predictedFinishS } from './finish-time.js';

/**
 * The endpoint where the call costs least in dollars; among equally cheap
 * ones (e.g. free local devices), the one that finishes first.
 *
 * @example
 * ```ts
 * const corral = await Corral.open({ policy: 'cheapest' });
 * ```
 */
export const cheapest: PlacementPolicy = {
  name: 'cheapest',
  place(ctx) {
    const minUsd = argmin(ctx.candidates, (c) => c.cost.usd).cost.usd;
    const tied = ctx.candidates.filter((c) => c.cost.usd <= minUsd * (1 + 1e-9) + 1e-15);
    const c = argmin(tied, predictedFinishS);
    return { endpoint: c.name, reason: `cheapest: $${c.cost.usd.toPrecision(3)}` };
  },
};
