import type { EndpointDescription } from '../endpoints/index.js';
import type { CostModel, CostUsage } from './cost-model.js';
import type { CostEstimate, CostVector } from './cost-vector.js';

/** Options of {@link HpcCostModel}. */
export interface HpcCostOptions {
  /** Service units charged per node-hour. */
  readonly suPerNodeHour: number;
  /** Nodes one call holds. Default 1. */
  readonly nodes?: number;
  /** $ per service unit; 0 (default) when the allocation is a free quota. */
  readonly usdPerSu?: number;
  /** Service units left in the allocation; an estimate beyond it is flagged in `detail.overQuota`. */
  readonly quotaSu?: number;
  /** Seconds of queue wait per task queued ahead, per worker. Default 60. */
  readonly queueWaitPerTaskS?: number;
  /** Watts per node, for joules. Default 0 (unknown). */
  readonly wattsPerNode?: number;
}

/**
 * An HPC allocation: service units per node-hour, converted to dollars (or
 * free within a quota), and queue wait from the endpoint's live status
 * (tasks queued per worker × a typical wait per task). The queue wait is the
 * most uncertain part: the 5% quantile assumes none, the 95% twice the
 * estimate.
 *
 * @example
 * ```ts
 * const m = new HpcCostModel({ suPerNodeHour: 64, usdPerSu: 0.01, queueWaitPerTaskS: 120 });
 * m.estimate(ep.describe(), 3600, new Date(), { status: await ep.status() });
 * ```
 */
export class HpcCostModel implements CostModel {
  readonly kind = 'hpc';

  constructor(private readonly options: HpcCostOptions) {}

  estimate(endpoint: EndpointDescription, seconds: number, _start?: Date, usage: CostUsage = {}): CostEstimate {
    const nodes = this.options.nodes ?? 1;
    const su = (seconds / 3600) * nodes * this.options.suPerNodeHour;
    const usd = su * (this.options.usdPerSu ?? 0);
    const status = usage.status;
    const workers = Math.max(1, status?.totalWorkers ?? endpoint.workers);
    const waitS = status ? (status.queued / workers) * (this.options.queueWaitPerTaskS ?? 60) : 0;
    const joules = (this.options.wattsPerNode ?? 0) * nodes * seconds;
    const at = (wait: number): CostVector => ({ usd, seconds: seconds + wait, joules });
    const overQuota = this.options.quotaSu !== undefined && su > this.options.quotaSu;
    return {
      ...at(waitS),
      quantiles: { p5: at(0), p50: at(waitS), p95: at(2 * waitS) },
      detail: { serviceUnits: su, queueWaitS: waitS, ...(overQuota ? { overQuota: 1 } : {}) },
    };
  }
}
