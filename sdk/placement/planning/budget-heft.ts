import { cheapestEndpoint, earliestFinish, heft } from './heft.js';
import type { Instance } from './instance.js';
import { byRank, upwardRank } from './rank.js';
import type { Schedule } from './schedule.js';

/**
 * Budget-constrained HEFT in the spirit of HBCS (Arabnejad and Barbosa 2014):
 * HEFT's order, and for each task the earliest-finishing endpoint among those
 * it can afford. What a task may spend is its cheapest price plus the spare
 * budget: the budget minus what is spent and minus the cheapest price of
 * every task still to place. A budget below the cheapest plan gives the
 * cheapest plan (the caller checks it against the budget).
 *
 * @example
 * ```ts
 * const plan = budgetHeft(compile(problem), 2.5).toPlan('budget-heft');
 * ```
 */
export function budgetHeft(inst: Instance, budgetUsd: number, schedule?: Schedule): Schedule {
  const { n, m } = inst;
  const order = byRank(inst, upwardRank(inst));
  // Cheapest price of each task, cold start included, as an upper bound on what the cheapest choice will cost.
  const floor = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let best = Infinity;
    for (let e = 0; e < m; e++) best = Math.min(best, inst.usd[i * m + e]! + inst.coldUsd[i * m + e]!);
    floor[i] = best;
  }
  const suffix = new Float64Array(n + 1);
  for (let k = n - 1; k >= 0; k--) suffix[k] = suffix[k + 1]! + floor[order[k]!]!;
  return heft(inst, (i, s, k) => {
    // What this task may spend: the budget less what is spent and less the floor of every later task.
    const spare = budgetUsd - s.usd - suffix[k + 1]!;
    const e = earliestFinish(inst, s, i, (e) => s.usdOn(i, e) <= spare + 1e-12);
    return e >= 0 ? e : cheapestEndpoint(inst, s, i);
  }, schedule);
}
