import type { WeightCompression } from '../weights/compression.js';

/**
 * A client as the server sees it: which endpoint it runs on and what was measured there.
 *
 * @example
 * ```ts
 * const info: ClientInfo = { id: 'pi-3', endpoint: 'edge', numExamples: 540, samplesPerS: 900 };
 * ```
 */
export interface ClientInfo {
  readonly id: string;
  readonly endpoint: string;
  /** Examples the client holds, once known (reported by its first update). */
  readonly numExamples?: number;
  /** Training throughput measured in earlier rounds (samples per second of wall time). */
  readonly samplesPerS?: number;
}

/**
 * What one client is asked to do in one round: the argument a `@federated`
 * method receives next to the global weights.
 *
 * @example
 * ```ts
 * async train(weights: EncodedWeights, config: ClientConfig) { const data = await loadClientData(config.data); ... }
 * ```
 */
export interface ClientConfig {
  readonly round: number;
  readonly client: string;
  /** The endpoint the client runs on (for error messages on the endpoint's side). */
  readonly endpoint?: string;
  readonly epochs: number;
  readonly batchSize: number;
  /** Examples to train on per epoch (a seeded sample of the client's data); all when undefined. */
  readonly sampleCount?: number;
  readonly learningRate: number;
  /** FedProx proximal term weight; 0 or undefined for none. */
  readonly proximalMu?: number;
  /** How the client should encode the weights it returns. */
  readonly compression: WeightCompression;
  /** The data spec of the client's endpoint: where its data is, loaded on the endpoint. */
  readonly data?: unknown;
  readonly seed: number;
  /** Emulated heterogeneity only: the client sleeps so training takes this many times longer. */
  readonly emulatedSlowdown?: number;
}

/**
 * The local-training defaults a strategy starts from.
 *
 * @example
 * ```ts
 * const training: TrainingDefaults = { epochs: 1, batchSize: 32, learningRate: 0.1 };
 * ```
 */
export interface TrainingDefaults {
  readonly epochs: number;
  readonly batchSize: number;
  readonly learningRate: number;
  readonly sampleCount?: number;
}

/**
 * One accepted client update, decoded and validated.
 *
 * @example
 * ```ts
 * const r: FitResult = { client: info, weights, numExamples: 540, metrics: { loss: 0.3 } };
 * ```
 */
export interface FitResult {
  readonly client: ClientInfo;
  readonly weights: Float32Array;
  readonly numExamples: number;
  readonly metrics: Readonly<Record<string, number>>;
}

/**
 * The Strategy seam (as Flower's): how each round's clients are configured and
 * how their updates become the next global model.
 *
 * @example
 * ```ts
 * const mine: Strategy = {
 *   name: 'last-wins',
 *   configure: (round, clients, d) => clients.map((c) => ({ ...d, round, client: c.id, compression: 'none', seed: round })),
 *   aggregate: (_round, results) => results[results.length - 1]!.weights,
 * };
 * ```
 */
export interface Strategy {
  readonly name: string;
  /** Per-client configuration for this round, in the order of `clients`. */
  configure(round: number, clients: readonly ClientInfo[], defaults: TrainingDefaults): ClientConfig[];
  /** The new global weights from this round's accepted updates (at least one). */
  aggregate(round: number, results: readonly FitResult[], current: Float32Array): Float32Array;
  /** Stateful strategies (server optimisers): the state to checkpoint with the round; undefined while there is none. */
  saveState?(): StrategyState | undefined;
  /** Restores what {@link Strategy.saveState} returned, on resume. */
  loadState?(state: StrategyState): void;
}

/**
 * A strategy's checkpointed state: named numbers and arrays (FedAdam's
 * moments and step count, FedAvgM's velocity), stored with each round so a
 * resumed run continues as an uninterrupted one would.
 *
 * @example
 * ```ts
 * const state: StrategyState = { m: new Float64Array(10), v: new Float64Array(10), t: 3 };
 * ```
 */
export type StrategyState = Readonly<Record<string, number | Float64Array>>;
