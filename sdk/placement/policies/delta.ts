import type { PlacementPolicy } from '../policy.js';
import { argmin, predictedFinishS } from './finish-time.js';

/**
 * DELTA (Kumar et al. 2021): the endpoint with the smallest predicted finish
 * time, cold start + max(queue wait, transfer) + run. Moving the compute to
 * the data is part of it: an input already in an endpoint's transfer group
 * has no transfer time there.
 *
 * @example
 * ```ts
 * const corral = await Corral.open({ endpoints: 'endpoints.yaml', policy: 'delta' });
 * ```
 */
export const delta: PlacementPolicy = {
  name: 'delta',
  place(ctx) {
    const c = argmin(ctx.candidates, predictedFinishS);
    return { endpoint: c.name, reason: `delta: finishes in ${predictedFinishS(c).toPrecision(3)} s (cold ${c.coldStartS.toPrecision(2)}, queue ${c.queueWaitS.toPrecision(2)}, transfer ${c.transferS.toPrecision(2)}, run ${c.prediction.seconds.toPrecision(3)})` };
  },
};
