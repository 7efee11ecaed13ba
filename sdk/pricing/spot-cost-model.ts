import type { EndpointDescription } from '../endpoints/index.js';
import type { CostModel, CostUsage } from './cost-model.js';
import type { CostEstimate, CostVector } from './cost-vector.js';
import { PricingError } from './errors.js';
import { forecastSpot, type SpotForecast } from './spot/forecast-spot.js';
import { expectedRun, PreemptionModel, type RecoveryOptions } from './spot/preemption.js';
import type { SpotData } from './spot/price-series.js';

/** Options of {@link SpotCostModel}. */
export interface SpotCostOptions extends RecoveryOptions {
  /** Price history, or a function that loads it on first use. */
  readonly prices: SpotData | (() => SpotData);
  readonly instanceType: string;
  /** Zone as the price data names it (SpotLake zone id such as `use1-az1`, or `us-east-1a`). */
  readonly zone: string;
  /** Spot Advisor band; default: the band in the price data, else `5-10%`. */
  readonly interruptionBand?: string;
  /** Hours corral has already run this (type, zone) and interruptions seen, to update the band's prior. */
  readonly observedHours?: number;
  readonly observedInterruptions?: number;
  /** $ per GB leaving the cloud. Default 0.09. */
  readonly egressUsdPerGB?: number;
}

/** Forecast windows are computed for these lengths (hours) and reused: a forecast costs a backtest. */
const HORIZON_BUCKETS = [1, 6, 24, 72, 168];

/**
 * A spot instance: the price forecast over the job's window (corral's
 * per-series model choice, with a 90% interval) times the expected billed
 * hours, which include work redone after interruptions (from scratch, or from
 * the last checkpoint when checkpointing is configured). `seconds` is the
 * expected wall-clock time including restarts.
 *
 * @example
 * ```ts
 * const m = new SpotCostModel({ prices: () => readSpotPrices('spotlake.csv'), instanceType: 'c5.large', zone: 'use1-az1', checkpointCostHours: 0.02 });
 * m.estimate(ep.describe(), 4 * 3600, new Date());
 * ```
 */
export class SpotCostModel implements CostModel {
  readonly kind = 'spot';
  private data?: SpotData;
  private readonly forecasts = new Map<number, SpotForecast>();
  private preemption?: PreemptionModel;

  constructor(private readonly options: SpotCostOptions) {}

  /** Adds run hours and interruptions corral observed on this (type, zone). */
  observe(hours: number, interruptions: number): void {
    this.preemptionModel().observe(hours, interruptions);
  }

  /** Interruptions per hour currently assumed. */
  ratePerHour(): number {
    return this.preemptionModel().ratePerHour();
  }

  estimate(_endpoint: EndpointDescription, seconds: number, _start?: Date, usage: CostUsage = {}): CostEstimate {
    const hours = seconds / 3600;
    const f = this.forecast(hours);
    const rate = this.ratePerHour();
    const run = expectedRun(hours, rate, this.options);
    const egressUsd = ((usage.egressBytes ?? 0) / 1e9) * (this.options.egressUsdPerGB ?? 0.09);
    const at = (perHour: number): CostVector => ({ usd: perHour * run.billedHours + egressUsd, seconds: run.wallHours * 3600, joules: 0 });
    return {
      ...at(f.usdPerHour.mean),
      quantiles: { p5: at(f.usdPerHour.p5), p50: at(f.usdPerHour.p50), p95: at(f.usdPerHour.p95) },
      detail: {
        model: f.model, series: f.key, usdPerHour: f.usdPerHour.mean, billedHours: run.billedHours,
        expectedInterruptions: run.expectedInterruptions, interruptionsPerHour: rate, egressUsd,
        ...(run.checkpointIntervalHours !== undefined ? { checkpointIntervalHours: run.checkpointIntervalHours } : {}),
      },
    };
  }

  private forecast(hours: number): SpotForecast {
    const horizon = HORIZON_BUCKETS.find((b) => b >= hours) ?? Math.ceil(hours);
    let f = this.forecasts.get(horizon);
    if (!f) {
      [f] = forecastSpot(this.prices(), { horizonHours: horizon, keys: [this.key()] });
      this.forecasts.set(horizon, f);
    }
    return f;
  }

  private prices(): SpotData {
    this.data ??= typeof this.options.prices === 'function' ? this.options.prices() : this.options.prices;
    return this.data;
  }

  private key(): string {
    const key = `${this.options.instanceType}@${this.options.zone}`;
    if (!this.prices().series.has(key)) {
      const zones = [...this.prices().series.values()].filter((s) => s.instanceType === this.options.instanceType).map((s) => s.zone);
      throw new PricingError('CORRAL_SPOT_SERIES',
        `spot cost: no prices for ${this.options.instanceType} in zone "${this.options.zone}" in ${this.prices().file}; ${zones.length ? `zones with that type: ${zones.join(', ')}` : 'the type is not in the file'}`);
    }
    return key;
  }

  private preemptionModel(): PreemptionModel {
    this.preemption ??= new PreemptionModel(
      this.options.interruptionBand ?? this.prices().series.get(this.key())?.interruptionBand ?? '5-10%',
      this.options.observedHours ?? 0, this.options.observedInterruptions ?? 0);
    return this.preemption;
  }
}
