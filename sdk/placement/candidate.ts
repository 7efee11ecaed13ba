import type { CostEstimate } from '../pricing/index.js';
import type { Prediction } from '../profiling/index.js';
import type { CandidateEndpoint } from './policy.js';

/** What a driver (the runtime on the wall clock, the simulator or the planner on a virtual one) knows of one endpoint for one call. */
export interface CandidateFacts {
  readonly name: string;
  readonly kind: string;
  readonly workers: number;
  readonly transferGroup: string;
  /** Attempts running there now. */
  readonly busy: number;
  /** Attempts placed there and waiting for a worker. */
  readonly queued: number;
  /** Predicted run seconds of this call there. */
  readonly prediction: Prediction;
  /** Mean predicted seconds of the work ahead of this call there (default: this call's prediction). */
  readonly meanAheadS?: number;
  /** Exact seconds until a worker is free, when the driver keeps worker timelines (the planner): replaces the estimate. */
  readonly knownWaitS?: number;
  readonly coldStartS: number;
  readonly transferS: number;
  readonly cost: CostEstimate;
}

/**
 * Seconds before a call placed now gets a worker: the attempts ahead of it
 * beyond the idle workers, each taking the mean of the work ahead, spread
 * over all workers (DELTA's queue wait).
 *
 * @example
 * ```ts
 * queueWaitS({ workers: 2, busy: 2, queued: 1, meanAheadS: 10 }); // 10: two ahead of it, two workers
 * ```
 */
export function queueWaitS(q: { readonly workers: number; readonly busy: number; readonly queued: number; readonly meanAheadS: number }): number {
  const workers = Math.max(1, q.workers);
  const ahead = Math.max(0, q.busy + q.queued - workers + 1);
  return ahead === 0 ? 0 : (ahead * q.meanAheadS) / workers;
}

/**
 * The one way corral builds a placement candidate, for the runtime, the
 * simulator and the planner alike: load, idle workers, queue wait, cold
 * start, transfer, prediction and cost of one call on one endpoint.
 *
 * @example
 * ```ts
 * const c = candidateOf({ name: 'hpc', kind: 'dask', workers: 4, transferGroup: 'hpc', busy: 4, queued: 0,
 *   prediction: { seconds: 2, stdev: 0.2, source: 'observed' }, coldStartS: 0, transferS: 0.5, cost });
 * ```
 */
export function candidateOf(f: CandidateFacts): CandidateEndpoint {
  return {
    name: f.name, kind: f.kind, workers: f.workers, transferGroup: f.transferGroup,
    load: f.busy + f.queued, idleWorkers: Math.max(0, f.workers - f.busy),
    prediction: f.prediction,
    queueWaitS: f.knownWaitS ?? queueWaitS({ workers: f.workers, busy: f.busy, queued: f.queued, meanAheadS: f.meanAheadS ?? f.prediction.seconds }),
    coldStartS: f.coldStartS, transferS: f.transferS, cost: f.cost,
  };
}
