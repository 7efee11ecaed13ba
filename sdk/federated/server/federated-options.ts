import type Database from 'better-sqlite3';
import type { Endpoint, TaskHandle, TaskSpec } from '../../endpoints/index.js';
import type { TaskLocator } from '../../graph/index.js';
import type { Strategy, TrainingDefaults } from '../strategies/strategy.js';
import type { ClientSpeed } from '../tuner/client-speed.js';
import type { Tuner } from '../tuner/tuner.js';
import type { WeightCompression } from '../weights/compression.js';
import type { FlatWeights } from '../weights/flat-weights.js';
import type { RoundEvent } from './round-event.js';

/**
 * One federated client: the endpoint its training runs on and the spec of
 * the data there (loaded on the endpoint, never moved).
 *
 * @example
 * ```ts
 * const client: FederatedClient = { id: 'pi-3', endpoint: pi3, data: { dataset: 'digits', path: '/data/digits.csv.gz' } };
 * ```
 */
export interface FederatedClient {
  readonly id: string;
  readonly endpoint: Endpoint;
  readonly data?: unknown;
}

/**
 * A federated job: which `@federated` method to run where, and how.
 *
 * @example
 * ```ts
 * const result = await runFederated({ locator, taskId: 'Digits.train', clients, initialWeights, rounds: 20, training: { epochs: 1, batchSize: 32, learningRate: 0.1 } });
 * ```
 */
export interface FederatedJob {
  /** The `@federated` method endpoints run. */
  readonly locator: TaskLocator;
  readonly taskId: string;
  readonly clients: readonly FederatedClient[];
  readonly initialWeights: FlatWeights;
  readonly rounds: number;
  readonly training: TrainingDefaults;
  readonly strategy?: string | Strategy;
  /** Share of available clients asked each round (default 1). */
  readonly fraction?: number;
  /** Fewest accepted updates a round needs (default 1). */
  readonly minClients?: number;
  /** Seconds a round waits for clients; later updates are dropped and their attempts cancelled. */
  readonly roundDeadlineS?: number;
  /** Evaluate the global model every this many rounds (and after the last; default 1). */
  readonly evaluateEvery?: number;
  /** Server-side evaluation of the global weights (e.g. test accuracy). */
  readonly evaluate?: (weights: Float32Array, round: number) => Promise<Readonly<Record<string, number>>> | Readonly<Record<string, number>>;
  readonly compression?: WeightCompression;
  /** Per-client work; default uniform. */
  readonly tuner?: Tuner;
  /** Speeds known before the first round (from a profile store), by client id. */
  readonly knownSpeeds?: Readonly<Record<string, ClientSpeed>>;
  /** Durable rounds: checkpoints in this database; a run with the same id resumes after its last finished round. */
  readonly checkpoint?: { readonly db: Database.Database; readonly runId: string };
  /** Receives an `fl:round` event per finished round (the session's RunEvents). */
  readonly events?: { emitEvent(event: RoundEvent): void };
  readonly runId?: string;
  readonly seed?: number;
  /** Stops between rounds when aborted (the current round's attempts are cancelled). */
  readonly signal?: AbortSignal;
  /**
   * How a client's training is submitted (default: straight to the client's endpoint). A corral session
   * passes its dispatcher here, so client training gets attempt rows, profiles, the budget and retries.
   */
  readonly submit?: ClientSubmit;
}

/** Submits one client's training of one round to the client's own endpoint (where its data lives). */
export type ClientSubmit = (client: FederatedClient, task: TaskSpec) => TaskHandle;

/**
 * What one finished round measured.
 *
 * @example
 * ```ts
 * for (const r of result.rounds) console.log(r.round, r.metrics.accuracy, r.dropped);
 * ```
 */
export interface RoundRecord {
  readonly round: number;
  readonly metrics: Readonly<Record<string, number>>;
  /** Why each client that did not contribute did not, by client id. */
  readonly dropped: Readonly<Record<string, string>>;
}

/**
 * The outcome of a federated job.
 *
 * @example
 * ```ts
 * const { weights, shapes, resumedAfter } = await runFederated(job);
 * ```
 */
export interface FederatedResult {
  readonly weights: Float32Array;
  readonly shapes: readonly (readonly number[])[];
  readonly rounds: readonly RoundRecord[];
  /** The round the run resumed after (0 for a fresh run). */
  readonly resumedAfter: number;
  readonly wallSeconds: number;
}
