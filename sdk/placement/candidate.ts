import type { CostEstimate } from '../pricing/index.js';
import type { Prediction } from '../profiling/index.js';
import type { TransferModel } from './planning/transfer-model.js';
import type { CallInput, CandidateEndpoint } from './policy.js';

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
  /** Seconds until the call's inputs are there, when the driver knows them (the simulator's data-ready time); else computed from `inputs`. */
  readonly transferS?: number;
  /** Where each input lives and its size: with `transfer`, gives the seconds and dollars to move them here. */
  readonly inputs?: readonly CallInput[];
  readonly transfer?: TransferModel;
  /** Dollars to move the inputs here, when the driver counts them itself; else computed from `inputs`. */
  readonly transferUsd?: number;
  /** Cost of running the call there (moving its inputs not included: the builder adds it). */
  readonly cost: CostEstimate;
  /** Place as if data moved for free (the `--data-blind` ablation): transfer seconds and dollars are 0. */
  readonly dataBlind?: boolean;
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
  return waitS(q.workers, q.busy, q.queued, q.meanAheadS);
}

function waitS(workersIn: number, busy: number, queued: number, meanAheadS: number): number {
  const workers = Math.max(1, workersIn);
  const ahead = Math.max(0, busy + queued - workers + 1);
  return ahead === 0 ? 0 : (ahead * meanAheadS) / workers;
}

/**
 * The one way corral builds a placement candidate, for the runtime, the
 * simulator and the planner alike: load, idle workers, queue wait, cold
 * start, transfer, prediction and cost of one call on one endpoint. Given
 * where each input lives and a transfer model, it prices moving the data to
 * this endpoint (seconds, and dollars where egress is priced, added to the
 * cost), so a policy weighs moving data against moving compute.
 *
 * @example
 * ```ts
 * const c = candidateOf({ name: 'hpc', kind: 'dask', workers: 4, transferGroup: 'hpc', busy: 4, queued: 0,
 *   prediction: { seconds: 2, stdev: 0.2, source: 'observed' }, coldStartS: 0, cost,
 *   inputs: [{ bytes: 5e8, site: 'client' }], transfer: new TransferModel() });
 * c.transferS; // 5.05: latency + 500 MB at 100 MB/s
 * ```
 */
export function candidateOf(f: CandidateFacts): CandidateEndpoint {
  const blind = f.dataBlind === true;
  const transferS = blind ? 0 : f.transferS ?? (f.inputs && f.transfer ? f.transfer.inputsSeconds(f.inputs, f.transferGroup) : 0);
  const transferUsd = blind ? 0 : f.transferUsd ?? (f.inputs && f.transfer ? f.transfer.inputsUsd(f.inputs, f.transferGroup) : 0);
  return {
    name: f.name, kind: f.kind, workers: f.workers, transferGroup: f.transferGroup,
    load: f.busy + f.queued, idleWorkers: Math.max(0, f.workers - f.busy),
    prediction: f.prediction,
    queueWaitS: f.knownWaitS ?? waitS(f.workers, f.busy, f.queued, f.meanAheadS ?? f.prediction.seconds),
    coldStartS: f.coldStartS, transferS, transferUsd,
    cost: transferUsd > 0 ? { ...f.cost, usd: f.cost.usd + transferUsd } : f.cost,
  };
}
