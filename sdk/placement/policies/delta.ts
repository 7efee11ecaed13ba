import type { CandidateEndpoint, PlacementPolicy } from '../policy.js';
import { argmin, predictedFinishS } from './finish-time.js';

/**
 * DELTA (Kumar et al. 2021): the endpoint with the smallest predicted finish
 * time, cold start + max(queue wait, transfer) + run. Moving the compute to
 * the data is part of it: an input already in an endpoint's transfer group
 * has no transfer time there. Where the driver knows the rest of the workflow
 * (candidates carry `downstreamS`), it adds what each endpoint commits the
 * call's successors to, so it does not keep work at a slow site only because
 * the data is there; and such a driver runs it data-blind instead when that
 * finishes the workflow first (`lookahead`).
 *
 * @example
 * ```ts
 * const corral = await Corral.open({ endpoints: 'endpoints.yaml', policy: 'delta' });
 * ```
 */
export const delta: PlacementPolicy = {
  name: 'delta',
  lookahead: true,
  place(ctx) {
    const c = argmin(ctx.candidates, finishWithSuccessorsS);
    const after = c.downstreamS === undefined ? '' : `, then ${c.downstreamS.toPrecision(3)} s for what follows`;
    return { endpoint: c.name, reason: `delta: finishes in ${predictedFinishS(c).toPrecision(3)} s (cold ${c.coldStartS.toPrecision(2)}, queue ${c.queueWaitS.toPrecision(2)}, transfer ${c.transferS.toPrecision(2)}, run ${c.prediction.seconds.toPrecision(3)})${after}` };
  },
};

/** Predicted finish here plus the fewest seconds the workflow still needs after it (0 when unknown). */
function finishWithSuccessorsS(c: CandidateEndpoint): number {
  return predictedFinishS(c) + (c.downstreamS ?? 0);
}
