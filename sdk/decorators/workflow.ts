import { COST_BUDGET_KEY } from './metadata-keys.js';
import { costBudgetOptionNames, costBudgetOptionsSchema, type CostBudgetOptions } from './options/cost-budget-options.js';
import { validateOptions } from './validate.js';
import { callerLocation, decorationSite, defineMethodMetadata, type CorralMethodDecorator } from './decorate-method.js';

/** Options of `@workflow`: a budget for everything started from the method (all optional). */
export type WorkflowOptions = Omit<CostBudgetOptions, 'scope'>;

/**
 * Marks a method as a workflow: the method orchestrates the tasks it calls.
 * Optional (`corral.run` runs any method), it says so in the code and takes
 * the budget of the whole run: `@workflow({ usd: 2 })` is
 * `@costBudget({ usd: 2, scope: 'workflow' })`.
 *
 * @example
 * ```ts
 * class Images {
 *   @workflow({ usd: 2, deadlineS: 600 })
 *   async pipeline(imgs: Uint8Array[]) { ... }
 * }
 * ```
 */
export function workflow(options: WorkflowOptions = {}): CorralMethodDecorator {
  const location = callerLocation();
  return ((...args: unknown[]) => {
    const { site, call } = decorationSite('workflow', args, location);
    if (Object.keys(options ?? {}).length === 0) return;
    const validated = validateOptions(costBudgetOptionsSchema, { ...options, scope: 'workflow' }, site, costBudgetOptionNames);
    defineMethodMetadata(call, COST_BUDGET_KEY, validated);
  }) as CorralMethodDecorator;
}
