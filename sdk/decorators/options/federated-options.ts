import { z } from 'zod';
import { rule } from './rules.js';

/** Names of the built-in federated strategies. */
export const builtInStrategies = ['fedavg', 'fedprox', 'fedadam', 'fedyogi', 'fedadagrad', 'fedavgm', 'fedmedian', 'fedtrimmedavg', 'krum'] as const;

const strategyMessage = `must be a strategy name (${builtInStrategies.join(', ')}) or an object with configure() and aggregate()`;
const strategy = z.custom<string | { configure: unknown; aggregate: unknown }>((v) =>
  (typeof v === 'string' && (builtInStrategies as readonly string[]).includes(v.toLowerCase()))
  || (typeof v === 'object' && v !== null && typeof (v as any).configure === 'function' && typeof (v as any).aggregate === 'function'),
{ error: strategyMessage });

/**
 * The `@federated` option table.
 *
 * @example
 * ```ts
 * class Digits {
 *   @federated({ strategy: 'fedavg', rounds: 20, clients: 8, minClients: 6, roundDeadlineS: 30 })
 *   async train(weights: Float32Array, config: ClientConfig) { ... }
 * }
 * ```
 */
export const federatedOptionsSchema = z.strictObject({
  strategy: strategy.optional(),
  rounds: rule.intRange(1, 100000).optional(),
  clients: z.union([rule.intRange(1, 100000), rule.names('endpoint names').min(1)], { error: 'must be a number of clients or a list of endpoint names' }).optional(),
  minClients: rule.intRange(1, 100000).optional(),
  fraction: z.number({ error: 'must be a fraction in (0, 1]' }).gt(0, { error: 'must be a fraction in (0, 1]' }).max(1, { error: 'must be a fraction in (0, 1]' }).optional(),
  roundDeadlineS: rule.positive('seconds').optional(),
  evaluateEvery: rule.intRange(1, 100000).optional(),
  checkpoint: rule.flag().optional(),
  data: z.record(z.string(), z.unknown(), { error: 'must be an object mapping endpoint names to data specs' }).optional(),
}).refine((o) => o.minClients === undefined || typeof o.clients !== 'number' || o.minClients <= o.clients, {
  error: 'must not exceed clients', path: ['minClients'],
});

/** Options accepted by `@federated`. */
export type FederatedOptions = z.input<typeof federatedOptionsSchema>;

/** Names of every `@federated` option, for messages. */
export const federatedOptionNames = ['strategy', 'rounds', 'clients', 'minClients', 'fraction', 'roundDeadlineS', 'evaluateEvery', 'checkpoint', 'data'];
