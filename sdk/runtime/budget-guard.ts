import type { ResolvedCostBudget } from '../decorators/index.js';
import { BudgetGuard, type PricedCandidate } from '../placement/index.js';
import { BudgetExceededError } from './errors.js';

/** Spend of a workflow so far, and what its started calls are expected to add. */
export interface Spend {
  usd: number;
  joules: number;
  committedUsd: number;
  committedJoules: number;
}

/**
 * Keeps the workflow's and the call's budgets through the placement
 * {@link BudgetGuard}: returns the candidates on which this call may start,
 * or throws BudgetExceededError naming the task, the limit and the projection.
 */
export function keepWithinBudget<C extends PricedCandidate>(
  taskId: string, candidates: readonly C[], spend: Spend, elapsedS: number,
  workflow: ResolvedCostBudget | undefined, call: ResolvedCostBudget | undefined,
): C[] {
  let allowed = [...candidates];
  for (const [budget, scope] of [[workflow, 'workflow'], [call, 'call']] as const) {
    if (!budget) continue;
    const v = guardFor(budget).check({
      task: taskId, scope, elapsedS,
      spent: { usd: spend.usd, joules: spend.joules }, committed: { usd: spend.committedUsd, joules: spend.committedJoules },
    }, allowed);
    if (v.action === 'stop') throw new BudgetExceededError(taskId, v.breach?.resource ?? 'usd', v.breach?.limit ?? 0, v.breach?.projected ?? 0, v.detail);
    allowed = [...v.allowed];
  }
  return allowed;
}

// A budget's guard is built once: budgets are fixed per task definition and per run, and checked before every start.
const guards = new WeakMap<ResolvedCostBudget, BudgetGuard>();

function guardFor(budget: ResolvedCostBudget): BudgetGuard {
  let guard = guards.get(budget);
  if (!guard) guards.set(budget, (guard = new BudgetGuard(budget)));
  return guard;
}
