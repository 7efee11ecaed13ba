import type { EndpointDescription, EndpointStatus } from '../endpoints/index.js';
import { certain } from './cost-arithmetic.js';
import type { CostEstimate } from './cost-vector.js';

/** What else a call uses besides run time, when the caller knows it. */
export interface CostUsage {
  /** Bytes the call sends out of the endpoint's network (billed as egress by clouds). */
  readonly egressBytes?: number;
  /** Seconds the device sits idle but powered for this call (energy models). */
  readonly idleSeconds?: number;
  /** The endpoint's live status, for queue waits (HPC). */
  readonly status?: EndpointStatus;
}

/**
 * The CostModel seam: what does running `seconds` on this endpoint, starting
 * at `start`, cost, and how sure are we? `seconds` in the result is the
 * expected wall-clock time including queue waits and re-execution.
 *
 * @example
 * ```ts
 * const model = new EnergyCostModel({ activeWatts: 15 });
 * model.estimate(laptop.describe(), 10, new Date()); // { usd: 0, seconds: 10, joules: 150, quantiles: ... }
 * ```
 */
export interface CostModel {
  /** The model's kind as endpoints.yaml names it (`energy`, `on-demand`, `spot`, `hpc`, `free`). */
  readonly kind?: string;
  estimate(endpoint: EndpointDescription, seconds: number, start: Date, usage?: CostUsage): CostEstimate;
}

/** Options of {@link EnergyCostModel}. */
export interface EnergyCostOptions {
  /** Watts the device draws while running the call. Default 10. */
  readonly activeWatts?: number;
  /** Watts while idle, charged for `usage.idleSeconds`. Default 0. */
  readonly idleWatts?: number;
  /** Electricity price; default 0 (energy only). */
  readonly usdPerKWh?: number;
  /** Grid carbon intensity; CO2 is reported only when set. */
  readonly gCo2PerKWh?: number;
}

/**
 * Energy-only cost of a device we own (edge, local): active watts × seconds
 * plus idle watts × idle seconds, with an optional electricity price and
 * carbon intensity.
 *
 * @example
 * ```ts
 * new EnergyCostModel({ activeWatts: 15, idleWatts: 3, usdPerKWh: 0.15, gCo2PerKWh: 400 });
 * ```
 */
export class EnergyCostModel implements CostModel {
  readonly kind = 'energy';

  constructor(private readonly options: EnergyCostOptions = {}) {}

  estimate(_endpoint: EndpointDescription, seconds: number, _start?: Date, usage: CostUsage = {}): CostEstimate {
    const joules = (this.options.activeWatts ?? 10) * seconds + (this.options.idleWatts ?? 0) * (usage.idleSeconds ?? 0);
    const kWh = joules / 3.6e6;
    const usd = kWh * (this.options.usdPerKWh ?? 0);
    const g = this.options.gCo2PerKWh;
    return certain(g === undefined ? { usd, seconds, joules } : { usd, seconds, joules, co2g: kWh * g });
  }
}

/**
 * A resource that costs nothing (e.g. a shared cluster outside any budget);
 * only time counts.
 *
 * @example
 * ```ts
 * new FreeCostModel().estimate(ep.describe(), 5, new Date()).usd; // 0
 * ```
 */
export class FreeCostModel implements CostModel {
  readonly kind = 'free';

  estimate(_endpoint: EndpointDescription, seconds: number): CostEstimate {
    return certain({ usd: 0, seconds, joules: 0 });
  }
}
