import 'reflect-metadata';
import { COST_BUDGET_KEY } from './metadata-keys.js';
import { costBudgetOptionNames, costBudgetOptionsSchema, type CostBudgetOptions } from './options/cost-budget-options.js';
import { validateOptions } from './validate.js';
import { callerLocation, decorationSite, defineMethodMetadata, type CorralMethodDecorator } from './decorate-method.js';

/**
 * Sets a budget in dollars, joules and/or seconds, for each call of a task
 * (`scope: 'call'`, the default on `@remote` methods) or for a whole workflow
 * started from this method (`scope: 'workflow'`, the default elsewhere).
 *
 * @example
 * ```ts
 * class Images {
 *   @costBudget({ usd: 2, deadlineS: 600, onExceed: 'degrade' })
 *   async pipeline(imgs: Uint8Array[]) { ... }
 * }
 * ```
 */
export function costBudget(options: CostBudgetOptions): CorralMethodDecorator {
  const location = callerLocation();
  return ((...args: unknown[]) => {
    const { site, call } = decorationSite('costBudget', args, location);
    const validated = validateOptions(costBudgetOptionsSchema, options, site, costBudgetOptionNames);
    defineMethodMetadata(call, COST_BUDGET_KEY, validated);
  }) as CorralMethodDecorator;
}
