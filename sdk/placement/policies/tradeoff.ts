import { PlanningInputError } from '../errors.js';
import type { PlacementPolicy } from '../policy.js';
import { argmin, predictedFinishS } from './finish-time.js';

/** Weights of the tradeoff policy; each criterion is scaled to [0, 1] across the candidates. */
export interface TradeoffWeights {
  readonly time?: number;
  readonly cost?: number;
  readonly energy?: number;
}

/**
 * DELTA's tradeoff analysis: minimise a weighted sum of predicted finish time,
 * dollars and joules, each scaled between the best and worst candidate.
 * Registered as `tradeoff` with time 0.5 and cost 0.5.
 *
 * @example
 * ```ts
 * registerPolicy({ name: 'green', create: () => tradeoff({ time: 0.3, energy: 0.7 }) });
 * ```
 */
export function tradeoff(weights: TradeoffWeights = { time: 0.5, cost: 0.5 }): PlacementPolicy {
  const w = { time: weights.time ?? 0, cost: weights.cost ?? 0, energy: weights.energy ?? 0 };
  for (const [k, v] of Object.entries(w)) {
    if (!(v >= 0) || !Number.isFinite(v)) throw new PlanningInputError(`tradeoff.${k}`, `weight must be a finite number >= 0 (got ${v})`);
  }
  if (w.time + w.cost + w.energy === 0) throw new PlanningInputError('tradeoff', 'at least one of time, cost, energy needs a weight > 0');
  return {
    name: 'tradeoff',
    place(ctx) {
      const cs = ctx.candidates;
      const scale = (key: (c: (typeof cs)[number]) => number) => {
        let lo = Infinity; let hi = -Infinity;
        for (const c of cs) { const v = key(c); if (v < lo) lo = v; if (v > hi) hi = v; }
        return (v: number) => (hi > lo ? (v - lo) / (hi - lo) : 0);
      };
      const t = scale(predictedFinishS);
      const u = scale((c) => c.cost.usd);
      const j = scale((c) => c.cost.joules);
      const score = (c: (typeof cs)[number]) => w.time * t(predictedFinishS(c)) + w.cost * u(c.cost.usd) + w.energy * j(c.cost.joules);
      const c = argmin(cs, score);
      return { endpoint: c.name, reason: `tradeoff: score ${score(c).toFixed(3)} (time ${w.time}, cost ${w.cost}, energy ${w.energy})` };
    },
  };
}
