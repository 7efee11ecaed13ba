import { z } from 'zod';
import { rule } from './rules.js';

/**
 * The `@costBudget` option table: at least one of usd, joules, deadlineS.
 *
 * @example
 * ```ts
 * class Images {
 *   @costBudget({ usd: 2, deadlineS: 600 })          // the whole workflow started here
 *   async pipeline(imgs: Uint8Array[]) { ... }
 * }
 * ```
 */
export const costBudgetOptionsSchema = z.strictObject({
  /** Dollars that may be spent. */
  usd: rule.nonNegative('US dollars').optional(),
  /** Energy that may be spent, in joules. */
  joules: rule.nonNegative('joules').optional(),
  /** Wall-clock seconds from start to finish. */
  deadlineS: rule.positive('seconds').optional(),
  /** `call`: each call of this method; `workflow`: everything started from it. */
  scope: rule.oneOf(['call', 'workflow']).optional(),
  /** What happens when the budget would break: stop, or move to cheaper endpoints. */
  onExceed: rule.oneOf(['fail', 'degrade']).optional(),
  /** Confidence at which projected spend must stay within the budget. */
  confidence: z.number({ error: 'must be a probability between 0.5 and 0.999' }).min(0.5, { error: 'must be a probability between 0.5 and 0.999' }).max(0.999, { error: 'must be a probability between 0.5 and 0.999' }).optional(),
}).refine((o) => o.usd !== undefined || o.joules !== undefined || o.deadlineS !== undefined, {
  error: 'must set at least one of usd, joules, deadlineS', path: ['usd'],
});

/** Options accepted by `@costBudget`. */
export type CostBudgetOptions = z.input<typeof costBudgetOptionsSchema>;

/** `@costBudget` options with defaults filled in. */
export interface ResolvedCostBudget {
  usd?: number;
  joules?: number;
  deadlineS?: number;
  scope: 'call' | 'workflow';
  onExceed: 'fail' | 'degrade';
  confidence: number;
}

/** Names of every `@costBudget` option, for messages. */
export const costBudgetOptionNames = ['usd', 'joules', 'deadlineS', 'scope', 'onExceed', 'confidence'];
