import type { EndpointDescription } from '../endpoints/index.js';
import { certain } from './cost-arithmetic.js';
import type { CostModel, CostUsage } from './cost-model.js';
import type { CostEstimate } from './cost-vector.js';

/** Options of {@link OnDemandCostModel}. */
export interface OnDemandCostOptions {
  /** $/h of one instance (from the price table or given). */
  readonly usdPerHour: number;
  /** Billed seconds are at least this. Default 60 (EC2 Linux per-second billing). */
  readonly minimumBilledS?: number;
  /** $ per GB leaving the cloud. Default 0.09 (EC2 to the internet, first 10 TB). */
  readonly egressUsdPerGB?: number;
  /** Watts the instance draws, for joules; default 0 (unknown, not guessed). */
  readonly watts?: number;
  readonly instanceType?: string;
}

/**
 * An on-demand cloud instance: per-second billing with a minimum, plus
 * egress per GB.
 *
 * @example
 * ```ts
 * const m = new OnDemandCostModel({ usdPerHour: lookupPrice('c5.large', 'us-east-1').usdPerHour });
 * m.estimate(ep.describe(), 30, new Date()).usd; // 60 s billed: 0.085 / 60
 * ```
 */
export class OnDemandCostModel implements CostModel {
  readonly kind = 'on-demand';

  constructor(private readonly options: OnDemandCostOptions) {}

  estimate(_endpoint: EndpointDescription, seconds: number, _start?: Date, usage: CostUsage = {}): CostEstimate {
    const billedS = Math.max(seconds, this.options.minimumBilledS ?? 60);
    const computeUsd = (billedS * this.options.usdPerHour) / 3600;
    const egressUsd = ((usage.egressBytes ?? 0) / 1e9) * (this.options.egressUsdPerGB ?? 0.09);
    return certain(
      { usd: computeUsd + egressUsd, seconds, joules: (this.options.watts ?? 0) * seconds },
      { billedS, computeUsd, egressUsd, usdPerHour: this.options.usdPerHour, ...(this.options.instanceType ? { instanceType: this.options.instanceType } : {}) },
    );
  }
}
