import type { EndpointDescription } from '../endpoints/endpoint.js';
import type { CostEstimate } from './cost-vector.js';

/**
 * The CostModel seam: what does running `seconds` on this endpoint, starting
 * at `start`, cost?
 *
 * @example
 * ```ts
 * const model = new EnergyCostModel({ activeWatts: 15 });
 * model.estimate(laptop.describe(), 10, new Date()); // { usd: 0, seconds: 10, joules: 150 }
 * ```
 */
export interface CostModel {
  estimate(endpoint: EndpointDescription, seconds: number, start: Date): CostEstimate;
}

/**
 * Energy-only cost of a device we own: active watts per core in use, an
 * optional electricity price and carbon intensity.
 *
 * @example
 * ```ts
 * new EnergyCostModel({ activeWatts: 15, usdPerKWh: 0.15, gCo2PerKWh: 400 });
 * ```
 */
export class EnergyCostModel implements CostModel {
  constructor(private readonly options: { activeWatts?: number; usdPerKWh?: number; gCo2PerKWh?: number } = {}) {}

  estimate(_endpoint: EndpointDescription, seconds: number): CostEstimate {
    const joules = (this.options.activeWatts ?? 10) * seconds;
    const kWh = joules / 3.6e6;
    return {
      usd: kWh * (this.options.usdPerKWh ?? 0),
      seconds,
      joules,
      ...(this.options.gCo2PerKWh !== undefined ? { co2g: kWh * this.options.gCo2PerKWh } : {}),
    };
  }
}
