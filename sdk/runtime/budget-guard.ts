import type { ResolvedCostBudget } from '../decorators/index.js';
import { quantileForConfidence, type CostEstimate } from '../pricing/index.js';
import { BudgetExceededError } from './errors.js';

/** Spend of a workflow so far, and what its started calls are expected to add. */
export interface Spend {
  usd: number;
  joules: number;
  committedUsd: number;
  committedJoules: number;
}

/** A candidate endpoint and what the call would cost there. */
export interface PricedCandidate {
  readonly name: string;
  readonly cost: CostEstimate;
}

/**
 * Keeps budgets: drops the candidates on which starting this call could break
 * the workflow's or the call's budget (at the budget's confidence, using the
 * estimate's upper quantile when it has one). With `onExceed: 'fail'` any
 * candidate that would break it stops the call; with `degrade` the call moves
 * to the candidates that fit. Throws BudgetExceededError when none fits.
 */
export function keepWithinBudget<C extends PricedCandidate>(
  taskId: string, candidates: readonly C[], spend: Spend, elapsedS: number,
  workflow: ResolvedCostBudget | undefined, call: ResolvedCostBudget | undefined,
): C[] {
  if (!workflow && !call) return candidates as C[];
  let allowed = [...candidates];
  for (const budget of [workflow, call]) {
    if (!budget) continue;
    const scoped = budget === call;
    if (budget.deadlineS !== undefined && !scoped && elapsedS > budget.deadlineS) {
      throw new BudgetExceededError(taskId, 'deadlineS', budget.deadlineS, elapsedS, 'the workflow is past its deadline');
    }
    const fits = (c: C) => {
      const high = upper(c.cost, budget.confidence);
      const usd = scoped ? high.usd : spend.usd + spend.committedUsd + high.usd;
      const joules = scoped ? high.joules : spend.joules + spend.committedJoules + high.joules;
      const seconds = scoped ? high.seconds : elapsedS + high.seconds;
      return (budget.usd === undefined || usd <= budget.usd + 1e-12)
        && (budget.joules === undefined || joules <= budget.joules + 1e-9)
        && (budget.deadlineS === undefined || seconds <= budget.deadlineS);
    };
    const within = allowed.filter(fits);
    if (within.length === allowed.length) continue;
    if (within.length === 0 || budget.onExceed === 'fail') {
      const cheapest = [...allowed].sort((a, b) => a.cost.usd - b.cost.usd)[0]!;
      const { resource, limit, projected } = breach(budget, cheapest.cost, spend, elapsedS, scoped);
      const detail = within.length === 0
        ? `no endpoint keeps the ${scoped ? 'per-call' : 'workflow'} budget (cheapest: ${cheapest.name})`
        : `the chosen endpoints would break the ${scoped ? 'per-call' : 'workflow'} budget and onExceed is "fail"`;
      throw new BudgetExceededError(taskId, resource, limit, projected, detail);
    }
    allowed = within;
  }
  return allowed;
}

function upper(cost: CostEstimate, confidence: number): { usd: number; joules: number; seconds: number } {
  return cost.quantiles?.[quantileForConfidence(confidence)] ?? cost;
}

function breach(budget: ResolvedCostBudget, cost: CostEstimate, spend: Spend, elapsedS: number, scoped: boolean) {
  const high = upper(cost, budget.confidence);
  if (budget.usd !== undefined) {
    const projected = scoped ? high.usd : spend.usd + spend.committedUsd + high.usd;
    if (projected > budget.usd) return { resource: 'usd' as const, limit: budget.usd, projected };
  }
  if (budget.joules !== undefined) {
    const projected = scoped ? high.joules : spend.joules + spend.committedJoules + high.joules;
    if (projected > budget.joules) return { resource: 'joules' as const, limit: budget.joules, projected };
  }
  return { resource: 'deadlineS' as const, limit: budget.deadlineS ?? 0, projected: scoped ? high.seconds : elapsedS + high.seconds };
}
