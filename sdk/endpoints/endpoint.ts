import type { DataMove } from '../database/index.js';
import type { EndpointData, HeldResult } from './held-data.js';
import type { TaskLocator } from '../graph/index.js';

/**
 * The Endpoint seam: where a task attempt runs. Implementations live beside
 * this file (local/, globus-compute/, dask/, simulated/).
 *
 * @example
 * ```ts
 * const ep = new LocalEndpoint({ name: 'laptop', workers: 2 });
 * const handle = ep.submit(spec);
 * const { value, timings } = await handle.result;
 * await ep.close();
 * ```
 */
export interface Endpoint {
  readonly name: string;
  readonly kind: string;
  /** Static facts: hardware, workers, transfer group, cost configuration, limits. */
  describe(): EndpointDescription;
  /** Live facts: online, idle and total workers, queued tasks. */
  status(): Promise<EndpointStatus>;
  /** Starts one attempt; never throws: failures arrive through `handle.result`. */
  submit(task: TaskSpec): TaskHandle;
  /** Stops accepting work and releases workers; running attempts are cancelled. */
  close(): Promise<void>;
  /** Present on endpoints that can keep results where they were made (Dask). */
  readonly data?: EndpointData;
}

/** One attempt of one task call, as handed to an endpoint. */
export interface TaskSpec {
  readonly attemptId: string;
  readonly callId: string;
  readonly taskId: string;
  readonly attempt: number;
  readonly locator: TaskLocator;
  readonly args: readonly unknown[];
  readonly timeoutS?: number;
  /**
   * Keep the result on the endpoint when it is at least `minBytes`, under the
   * id `ref` (endpoints with {@link Endpoint.data} only; others ignore it).
   */
  readonly keep?: { readonly ref: string; readonly minBytes: number };
}

/** What an endpoint measured about one attempt (epoch milliseconds, seconds). */
export interface AttemptTimings {
  submittedAt: number;
  startedAt?: number;
  endedAt?: number;
  /** Seconds the task's own code ran. */
  runSeconds?: number;
  /** Seconds spent waiting for a worker. */
  queueSeconds?: number;
  /** Seconds spent importing the task's code the first time on a worker. */
  coldStartSeconds?: number;
  cpuSeconds?: number;
  peakMemoryBytes?: number;
  transferInBytes?: number;
  transferOutBytes?: number;
  /** Where the remote log of this attempt is, when the endpoint keeps one. */
  logRef?: string;
  /** Data the attempt moved through a store, each move timed (puts of large arguments, copies, a result read back). */
  moves?: DataMove[];
}

/** A finished attempt. */
export interface TaskResult {
  readonly value: unknown;
  readonly timings: AttemptTimings;
  /** Set when the endpoint kept the value (then `value` is undefined). */
  readonly held?: HeldResult;
}

/** A running attempt. */
export interface TaskHandle {
  readonly attemptId: string;
  /** Resolves with the value, or rejects with an {@link AttemptError}. */
  readonly result: Promise<TaskResult>;
  cancel(reason?: string): void;
}

/** Static description of an endpoint, as placement and pricing see it. */
export interface EndpointDescription {
  readonly name: string;
  readonly kind: string;
  /** Attempts that can run at once. */
  readonly workers: number;
  readonly hardware: HardwareDescription;
  /** Endpoints in the same group move data between them for free. */
  readonly transferGroup: string;
  /** Cost model configuration, validated by sdk/pricing. */
  readonly cost?: Readonly<Record<string, unknown>>;
  readonly limits?: { readonly maxPayloadBytes?: number; readonly maxResultBytes?: number };
  readonly labels?: Readonly<Record<string, string>>;
}

/** Hardware an endpoint offers one worker. */
export interface HardwareDescription {
  readonly cores: number;
  readonly memoryGiB?: number;
  readonly gpus?: number;
  readonly cpuModel?: string;
  readonly clockMHz?: number;
  readonly arch?: string;
  readonly accelerators?: readonly string[];
  /** Calibration score (iterations/s of corral's CPU kernel), when measured. */
  readonly calibration?: number;
}

/** Live state of an endpoint. */
export interface EndpointStatus {
  readonly online: boolean;
  readonly totalWorkers: number;
  readonly idleWorkers: number;
  /** Attempts waiting for a worker on the endpoint's side. */
  readonly queued: number;
  /** Why the endpoint is offline, when it knows (an engine's refusal, a stopped pool). */
  readonly detail?: string;
}
