import type { FederatedResult } from './federated-options.js';
import type { FederatedJobInputs } from './job-from-method.js';

/**
 * What `corral.federate` needs beyond the session: the model's initial
 * weights, the training defaults, optionally a server-side `evaluate`, and
 * overrides of the `@federated` options (rounds, strategy, minClients...).
 * Endpoints, their data specs (endpoints.yaml), the database and the events
 * come from the session. `data` here wins over endpoints.yaml, which wins
 * over `@federated({ data })`. Give `runId` to resume a run after its last
 * finished round.
 *
 * @example
 * ```ts
 * const inputs: FederateInputs = {
 *   initialWeights: await initialModelWeights(MODEL),
 *   training: { epochs: 1, batchSize: 32, learningRate: 0.1 },
 *   evaluate: modelEvaluator(MODEL, test),
 *   rounds: 20, strategy: 'fedadam', runId: 'digits-2026-11',
 * };
 * ```
 */
export type FederateInputs = Omit<FederatedJobInputs, 'endpoints' | 'db' | 'events' | 'dataFile'>;

/**
 * The outcome of `corral.federate`: the federated result and the id of the
 * run in the journal (for `corral show`, `corral report` and resuming).
 *
 * @example
 * ```ts
 * const { runId, weights, rounds } = await corral.federate(Digits, 'train', inputs);
 * ```
 */
export interface FederateResult extends FederatedResult {
  readonly runId: string;
}
