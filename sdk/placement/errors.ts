import { CorralError, showValue } from '../errors/index.js';
/**
 * A task that no endpoint can run: resources, allow-list or all offline.
 *
 * @example
 * ```ts
 * try { await planWorkflow(problem); } catch (e) { if (e instanceof NoFeasibleEndpointError) console.error(e.task, e.reasons); }
 * ```
 */
export class NoFeasibleEndpointError extends CorralError {
  override name = 'NoFeasibleEndpointError';
  readonly code = 'CORRAL_NO_FEASIBLE_ENDPOINT';
  constructor(readonly task: string, readonly reasons: readonly string[]) {
    super(`task "${task}" cannot run on any endpoint: ${reasons.join('; ')}`);
  }
}

/** A plan's cost at a glance, for budget messages. */
export interface PlanSummary {
  readonly policy: string;
  readonly makespanS: number;
  readonly usd: number;
  readonly joules: number;
}

/**
 * No plan meets the budget. Shows the cheapest and the fastest feasible
 * plans and what they cost, so the user can pick a budget that works.
 *
 * @example
 * ```ts
 * catch (e) { if (e instanceof BudgetInfeasibleError) console.error(`cheapest plan costs $${e.cheapest.usd}`); }
 * ```
 */
export class BudgetInfeasibleError extends CorralError {
  override name = 'BudgetInfeasibleError';
  readonly code = 'CORRAL_BUDGET_INFEASIBLE';
  constructor(
    readonly budget: { readonly usd?: number; readonly joules?: number; readonly deadlineS?: number },
    readonly cheapest: PlanSummary,
    readonly fastest: PlanSummary,
  ) {
    const asked = [budget.usd !== undefined ? `$${budget.usd}` : '', budget.joules !== undefined ? `${budget.joules} J` : '', budget.deadlineS !== undefined ? `${budget.deadlineS} s` : ''].filter(Boolean).join(', ');
    super(`no plan meets the budget (${asked}): the cheapest plan costs $${round(cheapest.usd)} and takes ${round(cheapest.makespanS)} s (${round(cheapest.joules)} J); the fastest takes ${round(fastest.makespanS)} s and costs $${round(fastest.usd)} (${round(fastest.joules)} J)`);
  }
}

/** A planner or simulator was given something it cannot use; `field` names it. */
export class PlanningInputError extends CorralError {
  override name = 'PlanningInputError';
  readonly code = 'CORRAL_PLANNING_INPUT';
  constructor(readonly field: string, detail: string) {
    super(`${field}: ${detail}`);
  }
}

/**
 * An observed transfer the transfer model cannot learn from: names the row
 * (or observation), the field, the bad value and what is allowed.
 *
 * @example
 * ```ts
 * try { model.observeAll(rows); } catch (e) { if (e instanceof TransferObservationError) console.error(e.where, e.field); }
 * ```
 */
export class TransferObservationError extends CorralError {
  override name = 'TransferObservationError';
  readonly code = 'CORRAL_TRANSFER_OBSERVATION';
  constructor(readonly where: string, readonly field: string, readonly value: unknown, allowed: string) {
    super(`observed transfer, ${where}: ${field} is ${showValue(value)}; must be ${allowed}`);
  }
}

function round(x: number): number {
  return Number.isFinite(x) ? +x.toPrecision(4) : x;
}
