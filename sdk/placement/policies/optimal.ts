import { budgetHeft } from '../planning/budget-heft.js';
import { heft as heftSchedule } from '../planning/heft.js';
import { compile } from '../planning/instance.js';
import { solveMilp } from '../planning/milp.js';
import type { PlacementPolicy } from '../policy.js';
import { argmin, predictedFinishS } from './finish-time.js';

/** Size limits of the MILP: past them `optimal` falls back to budget-heft, saying so. */
export interface OptimalLimits {
  readonly maxTasks?: number;
  readonly maxWorkers?: number;
}

/**
 * Minimum makespan within the budget by MILP (HiGHS), for graphs small enough
 * to solve; larger graphs, or a solver that finds nothing in the time limit,
 * fall back to budget-heft with a note in the plan. `plan.optimality` reports
 * the solver status and the relative gap.
 *
 * @example
 * ```ts
 * const plan = await planWorkflow(problem, { policy: 'optimal', budget: { usd: 1 }, timeLimitS: 5 });
 * console.log(plan.optimality?.gap);
 * ```
 */
export function optimal(limits: OptimalLimits = {}): PlacementPolicy {
  const maxTasks = limits.maxTasks ?? 12;
  const maxWorkers = limits.maxWorkers ?? 6;
  return {
    name: 'optimal',
    place(ctx) {
      const c = argmin(ctx.candidates, predictedFinishS);
      return { endpoint: c.name, reason: 'optimal: online calls take the earliest finish' };
    },
    async plan(problem, options) {
      const inst = compile(problem);
      const usd = options.budget?.usd;
      const fallback = (why: string) => {
        const s = usd === undefined ? heftSchedule(inst) : budgetHeft(inst, usd);
        return s.toPlan('optimal', [`optimal: ${why}; used ${usd === undefined ? 'heft' : 'budget-heft'} instead`]);
      };
      const workers = inst.workers.reduce((a, b) => a + b, 0);
      if (inst.n > maxTasks || workers > maxWorkers) {
        return fallback(`${inst.n} tasks on ${workers} workers is past the MILP limit (${maxTasks} tasks, ${maxWorkers} workers)`);
      }
      const seed = usd === undefined ? heftSchedule(inst) : budgetHeft(inst, usd);
      const seedOk = usd === undefined || seed.usd <= usd + 1e-9;
      const result = await solveMilp(inst, { budgetUsd: usd, timeLimitS: options.timeLimitS ?? 10, upperBound: seedOk ? makespan(seed.finish) : undefined });
      if (!result) return fallback(`the solver found no plan within ${options.timeLimitS ?? 10} s`);
      const plan = result.schedule.toPlan('optimal', [`MILP makespan ${+result.objective.toPrecision(6)} s without cold starts (${result.status}, gap ${(result.gap * 100).toFixed(2)}%)`], { status: result.status, gap: result.gap, solver: 'highs' });
      // Re-timing with cold starts can lose to the heuristic; never return the worse of the two.
      if (seedOk && makespan(seed.finish) < plan.makespanS - 1e-9) return seed.toPlan('optimal', [...plan.notes, 'budget-heft plan is shorter once cold starts are counted'], plan.optimality);
      return plan;
    },
  };
}

function makespan(finish: Float64Array): number {
  let m = 0;
  for (const f of finish) if (f > m) m = f;
  return m;
}
