import { addCosts, costAt } from './cost-arithmetic.js';
import type { CostEstimate, CostVector } from './cost-vector.js';
import { PricingError } from './errors.js';
import { STANDARD_LEVELS, quantileKey } from './quantiles.js';

/** Limits of a budget; an absent limit is unlimited. `seconds` is a deadline from the start. */
export interface Budget {
  readonly usd?: number;
  readonly joules?: number;
  readonly seconds?: number;
}

/** One call of a plan with its estimated cost and, when known, when it starts (seconds from the start). */
export interface PlannedCall {
  readonly task: string;
  readonly estimate: CostEstimate;
  readonly startS?: number;
}

/**
 * What is left of a budget after `spent` (negative when overspent; absent
 * limits stay absent).
 *
 * @example
 * ```ts
 * remainingBudget({ usd: 2, seconds: 600 }, { usd: 0.5, seconds: 120, joules: 0 }); // { usd: 1.5, seconds: 480 }
 * ```
 */
export function remainingBudget(budget: Budget, spent: CostVector): Budget {
  return {
    ...(budget.usd !== undefined ? { usd: budget.usd - spent.usd } : {}),
    ...(budget.joules !== undefined ? { joules: budget.joules - spent.joules } : {}),
    ...(budget.seconds !== undefined ? { seconds: budget.seconds - spent.seconds } : {}),
  };
}

/**
 * Projected spend of a plan: the point estimates summed, and each quantile
 * summed across calls. Summing quantiles assumes the calls' costs move
 * together (as spot prices in one run do), which over- rather than
 * under-states the spread: safe for a budget. Seconds are the plan's end
 * (latest start + duration) when calls have start times, else their sum.
 *
 * @example
 * ```ts
 * const p = projectSpend([{ task: 'a', estimate: ea }, { task: 'b', estimate: eb }]);
 * p.quantiles?.p95.usd;
 * ```
 */
export function projectSpend(plan: readonly PlannedCall[]): CostEstimate {
  const keys = STANDARD_LEVELS.map(quantileKey);
  const total = (pick: (e: CostEstimate) => CostVector): CostVector => {
    const sum = addCosts(...plan.map((c) => pick(c.estimate)));
    return plan.every((c) => c.startS !== undefined) && plan.length > 0
      ? { ...sum, seconds: Math.max(...plan.map((c) => c.startS! + pick(c.estimate).seconds)) }
      : sum;
  };
  const quantiles = Object.fromEntries(keys.map((k) => [k, total((e) => costAt(e, k))]));
  return { ...total((e) => e), quantiles };
}

/**
 * The quantile key a budget check uses for a confidence level: the smallest
 * carried level at or above it (`p50` for 0.5, `p95` for 0.6..0.95).
 *
 * @example
 * ```ts
 * quantileForConfidence(0.9); // 'p95'
 * ```
 */
export function quantileForConfidence(confidence: number): string {
  if (!(confidence >= 0 && confidence <= 1)) {
    throw new PricingError('CORRAL_BUDGET', `budget confidence must be a probability between 0 and 1 (got ${confidence})`);
  }
  const level = STANDARD_LEVELS.find((p) => p >= confidence) ?? STANDARD_LEVELS[STANDARD_LEVELS.length - 1];
  return quantileKey(level);
}

/** A call that takes the plan over budget. */
export interface BudgetBreach {
  readonly task: string;
  /** Which limit it breaks. */
  readonly limit: 'usd' | 'joules' | 'seconds';
  /** Spend of that limit's unit up to and including this call, at the checked quantile. */
  readonly cumulative: number;
  readonly allowed: number;
}

/** The verdict of {@link checkBudget}. */
export interface BudgetCheck {
  readonly ok: boolean;
  /** The quantile the check used (`p50`, `p95`). */
  readonly quantile: string;
  readonly projected: CostEstimate;
  /** Budget left once the plan is done, at that quantile. */
  readonly remaining: Budget;
  /** Calls, in plan order, from the first that breaks a limit; empty when ok. */
  readonly breaches: readonly BudgetBreach[];
}

/**
 * Checks a plan against a budget at a confidence level (`p95` by default):
 * walks the calls in start order (plan order without start times),
 * accumulating dollars and joules, and reports every call from the first
 * that breaks a limit; a call whose end passes the deadline breaks `seconds`.
 * `spent` is what was spent before the plan.
 *
 * @example
 * ```ts
 * const check = checkBudget(plan, { usd: 2, seconds: 600 }, { confidence: 0.9 });
 * if (!check.ok) console.log(check.breaches.map((b) => `${b.task} breaks ${b.limit}`));
 * ```
 */
export function checkBudget(plan: readonly PlannedCall[], budget: Budget, options: { confidence?: number; spent?: CostVector } = {}): BudgetCheck {
  for (const [field, v] of Object.entries(budget)) {
    if (v !== undefined && !(v >= 0)) throw new PricingError('CORRAL_BUDGET', `budget.${field} must be a number >= 0 (got ${v})`);
  }
  const key = quantileForConfidence(options.confidence ?? 0.95);
  const spent = options.spent ?? { usd: 0, seconds: 0, joules: 0 };
  const ordered = plan.map((c, i) => ({ c, i })).sort((a, b) => (a.c.startS ?? a.i) - (b.c.startS ?? b.i) || a.i - b.i).map((x) => x.c);
  const breaches: BudgetBreach[] = [];
  let usd = spent.usd;
  let joules = spent.joules;
  let clock = spent.seconds;
  for (const call of ordered) {
    const cost = costAt(call.estimate, key);
    usd += cost.usd;
    joules += cost.joules;
    const end = call.startS !== undefined ? spent.seconds + call.startS + cost.seconds : (clock += cost.seconds);
    if (budget.usd !== undefined && usd > budget.usd) breaches.push({ task: call.task, limit: 'usd', cumulative: usd, allowed: budget.usd });
    if (budget.joules !== undefined && joules > budget.joules) breaches.push({ task: call.task, limit: 'joules', cumulative: joules, allowed: budget.joules });
    if (budget.seconds !== undefined && end > budget.seconds) breaches.push({ task: call.task, limit: 'seconds', cumulative: end, allowed: budget.seconds });
  }
  const projected = projectSpend(plan);
  const at = costAt(projected, key);
  return { ok: breaches.length === 0, quantile: key, projected, remaining: remainingBudget(budget, addCosts(spent, at)), breaches };
}
