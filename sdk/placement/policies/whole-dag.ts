import { budgetHeft } from '../planning/budget-heft.js';
import { dataAwareHeft } from '../planning/data-aware-heft.js';
import { cheapestEndpoint, heft as heftSchedule } from '../planning/heft.js';
import type { Schedule } from '../planning/schedule.js';
import { improveWithinBudget } from '../planning/improve.js';
import { compile } from '../planning/instance.js';
import type { PlacementPolicy } from '../policy.js';
import { argmin, predictedFinishS } from './finish-time.js';

/**
 * HEFT as a policy: plans a static graph with insertion-based HEFT; a call
 * placed online (a graph known only at run time) goes where it finishes first.
 *
 * @example
 * ```ts
 * const plan = await planWorkflow(problem, { policy: 'heft' });
 * ```
 */
export const heft: PlacementPolicy = {
  name: 'heft',
  place(ctx) {
    const c = argmin(ctx.candidates, predictedFinishS);
    return { endpoint: c.name, reason: `heft: earliest finish ${predictedFinishS(c).toPrecision(3)} s` };
  },
  plan(problem) {
    return dataAwareHeft(compile(problem)).toPlan('heft');
  },
};

/**
 * Budget-constrained HEFT (HBCS-like): HEFT's order, each task on the
 * earliest-finishing endpoint it can afford while leaving enough for the
 * cheapest choice of every later task. Online, it takes the earliest finish
 * among candidates within the remaining budget, else the cheapest.
 *
 * @example
 * ```ts
 * const plan = await planWorkflow(problem, { policy: 'budget-heft', budget: { usd: 1.5 } });
 * ```
 */
export const budgetHeftPolicy: PlacementPolicy = {
  name: 'budget-heft',
  place(ctx) {
    const left = ctx.budget?.remainingUsd;
    const affordable = left === undefined ? ctx.candidates : ctx.candidates.filter((c) => c.cost.usd <= left);
    if (affordable.length === 0) {
      const c = argmin(ctx.candidates, (c) => c.cost.usd);
      return { endpoint: c.name, reason: `budget-heft: nothing fits the $${left} left; cheapest is $${c.cost.usd.toPrecision(3)}` };
    }
    const c = argmin(affordable, predictedFinishS);
    return { endpoint: c.name, reason: `budget-heft: earliest finish within budget` };
  },
  plan(problem, options) {
    const inst = compile(problem);
    const usd = options.budget?.usd;
    if (usd === undefined) return dataAwareHeft(inst).toPlan('budget-heft', ['no USD budget given: plain HEFT']);
    const first = budgetHeft(inst, usd);
    if (inst.n * inst.m > 4_000 || first.usd > usd + 1e-12) return first.toPlan('budget-heft');
    // Small enough graphs get a bounded local search on top, from budget-heft's plan and from the cheapest one.
    const cheap = heftSchedule(inst, (i, s) => cheapestEndpoint(inst, s, i));
    const better = [improveWithinBudget(inst, first, usd), improveWithinBudget(inst, cheap, usd)]
      .filter((x) => x.usd <= usd + 1e-12)
      .reduce((a, b) => (makespanOf(b) < makespanOf(a) - 1e-9 ? b : a), first);
    return better.toPlan('budget-heft', better === first ? [] : ['improved by local search within the budget']);
  },
};

/**
 * The cheapest plan in HEFT's order: each task on its cheapest endpoint,
 * earliest finish among equally cheap ones.
 */
export function cheapestPlan(problem: Parameters<NonNullable<PlacementPolicy['plan']>>[0]) {
  const inst = compile(problem);
  return heftSchedule(inst, (i, s) => cheapestEndpoint(inst, s, i)).toPlan('cheapest');
}

function makespanOf(s: Schedule): number {
  let m = 0;
  for (const f of s.finish) if (f > m) m = f;
  return m;
}
