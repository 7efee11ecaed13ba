import { PricingError } from '../errors.js';
import { SPOT_FORECASTERS } from './forecasters.js';
import { HOUR_MS, type PriceSeries, type SpotData } from './price-series.js';
import { debias, pickWith, sweepSpot, withInterval } from './sweep.js';
import { recentVolatility } from './volatility.js';

/** The forecast cost of running one (type, zone) for `horizonHours` from the end of its history. */
export interface SpotForecast {
  readonly key: string;
  readonly instanceType: string;
  readonly zone: string;
  readonly region?: string;
  readonly interruptionBand?: string;
  readonly onDemandUsdPerHour?: number;
  readonly horizonHours: number;
  /** Epoch ms the forecast window starts (the end of the price history). */
  readonly fromMs: number;
  /** The model `auto` chose for this series. */
  readonly model: string;
  /** Mean $/h over the window: point forecast, 5%, 50% and 95% quantiles. */
  readonly usdPerHour: { readonly mean: number; readonly p5: number; readonly p50: number; readonly p95: number };
  /** The same for the whole window's cost in USD. */
  readonly costUsd: { readonly mean: number; readonly p5: number; readonly p50: number; readonly p95: number };
}

/**
 * Forecasts, for every series in the data (or the ones `keys` names), the
 * cost of running `horizonHours` from the end of its history, with the model
 * corral's selector picks for that series from a backtest over the whole
 * history, and a 90% interval conformally calibrated on the selector's past
 * errors over all series, scaled by this series' recent volatility.
 *
 * @example
 * ```ts
 * const [f] = forecastSpot(readSpotPrices('spotlake.csv'), { horizonHours: 24, keys: ['c5.large@use1-az1'] });
 * console.log(f.model, f.costUsd.p50, f.costUsd.p95);
 * ```
 */
export function forecastSpot(data: SpotData, options: { horizonHours: number; keys?: readonly string[]; step?: number }): SpotForecast[] {
  const horizon = Math.ceil(options.horizonHours);
  if (!(horizon >= 1)) throw new PricingError('CORRAL_SPOT_HORIZON', `spot forecast: horizon must be at least 1 hour (got ${options.horizonHours})`);
  for (const key of options.keys ?? []) {
    if (!data.series.has(key)) {
      throw new PricingError('CORRAL_SPOT_SERIES', `spot forecast: no series "${key}" in ${data.file}; known: ${[...data.series.keys()].slice(0, 20).join(', ')}${data.series.size > 20 ? ', ...' : ''}`);
    }
  }
  const longest = Math.max(...[...data.series.values()].map((s) => s.hourly.length));
  if (horizon + 1 > longest) {
    // Without one complete window of that length in the history there is no error to learn from.
    throw new PricingError('CORRAL_SPOT_HORIZON', `spot forecast: horizon ${horizon} h is not shorter than the ${longest} h of history in ${data.file}; use a shorter horizon or more history`);
  }
  const step = options.step ?? 6;
  const sweep = sweepSpot(data, SPOT_FORECASTERS, { horizon, step, warmup: horizon + 1 });
  const wanted = options.keys ? new Set(options.keys) : undefined;
  const out: SpotForecast[] = [];
  sweep.tests.forEach((bt, s) => {
    const series = bt.series;
    if (wanted && !wanted.has(series.key)) return;
    const at = series.hourly.length;
    const fs = rawForecasts(series, at, horizon);
    const all = [...fs, ...fs.map((f, m) => debias(sweep.ledger, s, m, f))];
    const m = pickWith(sweep, s);
    // The interval is auto's own: calibrated on the windows where auto's pick was what got used.
    const w = withInterval(sweep, sweep.names.length, all[m], recentVolatility(series.hourly, at, horizon));
    if (!(w.mean > 0)) {
      throw new PricingError('CORRAL_SPOT_SERIES', `spot forecast: ${series.key} in ${data.file} has no known price before its end; cannot forecast`);
    }
    const perHour = { mean: w.mean, p5: w.low, p50: w.median, p95: w.high };
    out.push({
      key: series.key, instanceType: series.instanceType, zone: series.zone,
      ...(series.region ? { region: series.region } : {}),
      ...(series.interruptionBand ? { interruptionBand: series.interruptionBand } : {}),
      ...(series.onDemandUsdPerHour ? { onDemandUsdPerHour: series.onDemandUsdPerHour } : {}),
      horizonHours: horizon, fromMs: series.startMs + at * HOUR_MS, model: sweep.names[m], usdPerHour: perHour,
      costUsd: { mean: perHour.mean * horizon, p5: perHour.p5 * horizon, p50: perHour.p50 * horizon, p95: perHour.p95 * horizon },
    });
  });
  return out;
}

function rawForecasts(series: PriceSeries, at: number, horizon: number): number[] {
  const fs = SPOT_FORECASTERS.map((f) => f.forecast(series.hourly, at, horizon));
  const sorted = [...fs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return [...fs, sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2];
}
