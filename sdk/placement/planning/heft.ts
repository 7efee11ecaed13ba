import type { Instance } from './instance.js';
import { byRank, upwardRank } from './rank.js';
import { Schedule } from './schedule.js';

/** Picks an endpoint for task i given the schedule so far; -1 lets HEFT choose. */
export type EndpointChooser = (i: number, schedule: Schedule, remaining: number) => number;

/**
 * Insertion-based HEFT (Topcuoglu, Hariri and Wu 2002): tasks by decreasing
 * upward rank, each on the endpoint where it finishes earliest, using gaps
 * left between already placed tasks. `choose` overrides the endpoint choice
 * (budget-heft, cheapest), keeping HEFT's order and insertion.
 *
 * @example
 * ```ts
 * const plan = heft(compile(problem)).toPlan('heft');
 * ```
 */
export function heft(inst: Instance, choose?: EndpointChooser, schedule: Schedule = new Schedule(inst)): Schedule {
  const order = byRank(inst, upwardRank(inst));
  for (let k = 0; k < order.length; k++) {
    const i = order[k]!;
    const e = choose ? choose(i, schedule, k) : -1;
    schedule.place(i, e >= 0 ? e : earliestFinish(inst, schedule, i), true);
  }
  return schedule;
}

/** The endpoint where task i would finish earliest (ties: cheaper). */
export function earliestFinish(inst: Instance, schedule: Schedule, i: number, allowed?: (e: number) => boolean): number {
  let best = -1; let bestEnd = Infinity; let bestUsd = Infinity;
  for (let e = 0; e < inst.m; e++) {
    if (!Number.isFinite(inst.exec[i * inst.m + e]!) || (allowed && !allowed(e))) continue;
    const end = schedule.finishOn(i, e, true);
    const usd = inst.usd[i * inst.m + e]!;
    if (end < bestEnd - 1e-9 || (end <= bestEnd + 1e-9 && usd < bestUsd)) { best = e; bestEnd = end; bestUsd = usd; }
  }
  return best;
}

/** The endpoint where task i costs least (ties: earlier finish). */
export function cheapestEndpoint(inst: Instance, schedule: Schedule, i: number): number {
  let best = -1; let bestUsd = Infinity; let bestEnd = Infinity;
  for (let e = 0; e < inst.m; e++) {
    if (!Number.isFinite(inst.exec[i * inst.m + e]!)) continue;
    const usd = schedule.usdOn(i, e);
    if (usd > bestUsd + 1e-12) continue;
    const end = schedule.finishOn(i, e, true);
    if (usd < bestUsd - 1e-12 || end < bestEnd) { best = e; bestUsd = usd; bestEnd = end; }
  }
  return best;
}
