import { PricingError } from '../errors.js';
import { forecastSpot, type SpotForecast } from './forecast-spot.js';
import { expectedRun, PreemptionModel, type ExpectedRun, type RecoveryOptions } from './preemption.js';
import type { SpotData } from './price-series.js';

/** A (type, zone) priced for one job. */
export interface SpotChoice {
  readonly forecast: SpotForecast;
  readonly run: ExpectedRun;
  /** Interruptions per hour assumed. */
  readonly ratePerHour: number;
  /** Expected cost including re-execution: point, 5%, 50%, 95%. */
  readonly costUsd: { readonly mean: number; readonly p5: number; readonly p50: number; readonly p95: number };
  readonly meetsDeadline: boolean;
}

/** The job to place. */
export interface SpotJob extends RecoveryOptions {
  /** Hours of work. */
  readonly hours: number;
  /** Hours from now by which it must be done (expected wall-clock time). Default: no deadline. */
  readonly deadlineHours?: number;
  /** Instance types that can run it; default every type in the data. */
  readonly instanceTypes?: readonly string[];
  /** Band for series whose data has none. Default `5-10%`. */
  readonly defaultBand?: string;
}

/**
 * Ranks every (type, zone) in the data for one job by expected cost including
 * re-execution after interruptions, cheapest first; choices whose expected
 * wall-clock time misses the deadline come last, marked.
 *
 * @example
 * ```ts
 * const [best] = cheapestSpot(data, { hours: 10, deadlineHours: 12, checkpointCostHours: 0.05 });
 * console.log(best.forecast.key, best.costUsd.mean, best.meetsDeadline);
 * ```
 */
export function cheapestSpot(data: SpotData, job: SpotJob): SpotChoice[] {
  if (!(job.hours > 0)) throw new PricingError('CORRAL_SPOT_HORIZON', `spot choice: job length must be > 0 hours (got ${job.hours})`);
  if (job.deadlineHours !== undefined && !(job.deadlineHours > 0)) {
    throw new PricingError('CORRAL_SPOT_HORIZON', `spot choice: deadline must be > 0 hours (got ${job.deadlineHours})`);
  }
  const keys = [...data.series.values()].filter((s) => !job.instanceTypes || job.instanceTypes.includes(s.instanceType)).map((s) => s.key);
  if (keys.length === 0) {
    throw new PricingError('CORRAL_SPOT_SERIES', `spot choice: none of the instance types ${job.instanceTypes?.join(', ')} is in ${data.file}`);
  }
  const horizon = Math.ceil(job.hours);
  const choices = forecastSpot(data, { horizonHours: horizon, keys }).map((f): SpotChoice => {
    const rate = new PreemptionModel(f.interruptionBand ?? job.defaultBand ?? '5-10%').ratePerHour();
    const run = expectedRun(job.hours, rate, job);
    const c = (perHour: number) => perHour * run.billedHours;
    return {
      forecast: f, run, ratePerHour: rate,
      costUsd: { mean: c(f.usdPerHour.mean), p5: c(f.usdPerHour.p5), p50: c(f.usdPerHour.p50), p95: c(f.usdPerHour.p95) },
      meetsDeadline: job.deadlineHours === undefined || run.wallHours <= job.deadlineHours,
    };
  });
  return choices.sort((a, b) => Number(b.meetsDeadline) - Number(a.meetsDeadline) || a.costUsd.mean - b.costUsd.mean);
}
