import { HOUR_MS, meanPrice, type PriceSeries } from './price-series.js';
import type { SpotForecaster } from './forecasters.js';

/**
 * Every model's forecast of one series at regularly spaced origins, beside
 * the realised mean price: the raw material of model selection, intervals
 * and scoring. Origins fall on the grid `warmup + k * step` (k may be
 * negative) with at least one hour of history and `horizon` hours of future.
 */
export interface SeriesBacktest {
  readonly series: PriceSeries;
  readonly horizon: number;
  /** Hour index (within the series) of each origin, ascending. */
  readonly origins: Int32Array;
  /** Realised mean $/h over [origin, origin + horizon); NaN when it crosses unknown hours. */
  readonly realised: Float64Array;
  /** forecasts[m][j]: model m's forecast at origin j; models in the order given. */
  readonly forecasts: readonly Float64Array[];
}

/** Grid of the backtest: horizon, spacing and where scoring starts (hours). */
export interface BacktestGrid {
  readonly horizon: number;
  readonly step: number;
  readonly warmup: number;
}

/**
 * Runs every model at every origin of one series. The ensemble, when asked
 * for, is the median of the other models' forecasts at the same origin.
 *
 * @example
 * ```ts
 * const bt = backtestSeries(series, SPOT_FORECASTERS, { horizon: 24, step: 6, warmup: 168 }, true);
 * ```
 */
export function backtestSeries(series: PriceSeries, models: readonly SpotForecaster[], grid: BacktestGrid, ensemble: boolean): SeriesBacktest {
  const n = series.hourly.length;
  const first = grid.warmup - Math.floor((grid.warmup - 1) / grid.step) * grid.step;
  const origins: number[] = [];
  for (let o = first; o + grid.horizon <= n; o += grid.step) origins.push(o);
  const realised = new Float64Array(origins.length);
  const forecasts = Array.from({ length: models.length + (ensemble ? 1 : 0) }, () => new Float64Array(origins.length));
  const tmp = new Float64Array(models.length);
  origins.forEach((o, j) => {
    realised[j] = meanPrice(series, o, grid.horizon);
    models.forEach((m, k) => {
      const f = m.forecast(series.hourly, o, grid.horizon);
      forecasts[k][j] = f;
      tmp[k] = f;
    });
    if (ensemble) forecasts[models.length][j] = medianOf(tmp);
  });
  return { series, horizon: grid.horizon, origins: Int32Array.from(origins), realised, forecasts };
}

function medianOf(xs: Float64Array): number {
  const s = Float64Array.from(xs).sort();
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Epoch ms at which origin j's outcome is known (its window has ended). */
export function maturesAt(bt: SeriesBacktest, j: number): number {
  return bt.series.startMs + (bt.origins[j] + bt.horizon) * HOUR_MS;
}

/** Epoch ms of origin j. */
export function originMs(bt: SeriesBacktest, j: number): number {
  return bt.series.startMs + bt.origins[j] * HOUR_MS;
}
