import { backtestSeries, maturesAt, originMs, type BacktestGrid, type SeriesBacktest } from './backtest.js';
import { ErrorLedger } from './error-ledger.js';
import type { SpotForecaster } from './forecasters.js';
import type { SpotData } from './price-series.js';

/** Name of the per-series selector. */
export const AUTO_MODEL = 'auto';
/** Name of the median-of-models ensemble. */
export const ENSEMBLE_MODEL = 'ensemble';
/** Suffix of a model corrected by the median of its own past log errors on the series. */
export const DEBIASED_SUFFIX = '+bias';
/** Own outcomes a series needs before its bias correction stops using the pool. */
const MIN_OWN_BIAS = 10;
/** Effective (non-overlapping) own outcomes a series needs before its intervals stop using the pool. */
const MIN_OWN_INTERVAL_EFFECTIVE = 50;
/** Pooled-outcome weight in a series' score, per independent window. */
const POOL_WEIGHT = 10;
/** A model must beat naive's past error by this share to replace it: small edges are mostly noise. */
const SWITCH_MARGIN = 0.03;

/** A model's forecast for one window with its 90% interval, in $/h. */
export interface WindowForecast {
  readonly mean: number;
  /** 5% quantile. */
  readonly low: number;
  /** Median. */
  readonly median: number;
  /** 95% quantile. */
  readonly high: number;
}

/** The outcome of {@link sweepSpot}: every model at every origin, and the ledger as it stands at the end. */
export interface SpotSweep {
  /** Model names: raw models, then their bias-corrected twins. `auto` picks among these. */
  readonly names: readonly string[];
  readonly tests: readonly SeriesBacktest[];
  readonly ledger: ErrorLedger;
  /** picks[s][j]: index (into names) of the model `auto` chose for series s at origin j. */
  readonly picks: readonly Int32Array[];
  /** Interval quantile levels used: [low, high]. */
  readonly levels: readonly [number, number];
  /** Own outcomes a series needs before its intervals stop using the pool. */
  readonly minOwnInterval: number;
}

/**
 * Replays history in time order. At every origin of every series, each model
 * forecasts from prices before the origin; bias corrections and `auto`'s pick
 * use only outcomes of windows that had ended by then. When a window ends,
 * every model's error on it enters the ledger; at the end the ledger holds
 * every outcome in the data.
 *
 * @example
 * ```ts
 * const sweep = sweepSpot(data, SPOT_FORECASTERS, { horizon: 24, step: 6, warmup: 168 });
 * sweep.picks[0]; // what auto chose for the first series at each origin
 * ```
 */
export function sweepSpot(data: SpotData, base: readonly SpotForecaster[], grid: BacktestGrid, visit?: (s: number, j: number, sweep: SpotSweep) => void): SpotSweep {
  const raw = [...base.map((m) => m.name), ENSEMBLE_MODEL];
  const names = [...raw, ...raw.map((n) => `${n}${DEBIASED_SUFFIX}`)];
  const tests = [...data.series.values()].map((s) => {
    const bt = backtestSeries(s, base, grid, true);
    // Room for the bias-corrected twins, filled in during the replay.
    return { ...bt, forecasts: [...bt.forecasts, ...bt.forecasts.map((f) => new Float64Array(f.length))] };
  });
  const overlap = Math.max(1, grid.horizon / grid.step);
  // Overlapping windows share most of their hours: weigh a series' own record by its independent windows.
  const ledger = new ErrorLedger(names.length, tests.length, POOL_WEIGHT * overlap);
  const picks = tests.map((bt) => new Int32Array(bt.origins.length));
  const minOwnInterval = Math.ceil(MIN_OWN_INTERVAL_EFFECTIVE * Math.max(1, grid.horizon / grid.step));
  const sweep: SpotSweep = { names, tests, ledger, picks, levels: [0.05, 0.95], minOwnInterval };
  const matured = tests.flatMap((bt, s) => Array.from(bt.origins, (_, j) => ({ s, j, at: maturesAt(bt, j) }))).sort((a, b) => a.at - b.at);
  const rows = tests.flatMap((bt, s) => Array.from(bt.origins, (_, j) => ({ s, j, at: originMs(bt, j) }))).sort((a, b) => a.at - b.at);
  let next = 0;
  for (const row of rows) {
    while (next < matured.length && matured[next].at <= row.at) {
      const { s, j } = matured[next++];
      const bt = tests[s];
      for (let m = 0; m < names.length; m++) ledger.add(s, m, bt.forecasts[m][j], bt.realised[j]);
    }
    const bt = tests[row.s];
    for (let m = 0; m < raw.length; m++) {
      bt.forecasts[raw.length + m][row.j] = debias(ledger, row.s, m, bt.forecasts[m][row.j]);
    }
    picks[row.s][row.j] = pickModel(ledger, row.s, names.length);
    visit?.(row.s, row.j, sweep);
  }
  // Every outcome known by the end of the data, so forecasts from the end use all of it.
  for (; next < matured.length; next++) {
    const { s, j } = matured[next];
    for (let m = 0; m < names.length; m++) ledger.add(s, m, tests[s].forecasts[m][j], tests[s].realised[j]);
  }
  return sweep;
}

/**
 * Model `m`'s forecast `f` corrected by the median of its past log errors on
 * series `s` (or on all series while `s` has few): spot costs are skewed by
 * spikes, so an unbiased median needs this shift.
 *
 * @example
 * ```ts
 * const corrected = debias(ledger, 0, 3, 0.031);
 * ```
 */
export function debias(ledger: ErrorLedger, s: number, m: number, f: number): number {
  const q = ledger.residualQuantiles(s, m, [0.5], MIN_OWN_BIAS);
  return q ? f * Math.exp(q[0]) : f;
}

/**
 * The model with the smallest past error on series `s`; naive (index 0) when
 * nothing is known yet or no model beats it by 3%.
 *
 * @example
 * ```ts
 * const m = pickModel(ledger, 0, names.length);
 * ```
 */
export function pickModel(ledger: ErrorLedger, s: number, models: number): number {
  let best = 0;
  let bestScore = ledger.score(s, 0) * (1 - SWITCH_MARGIN);
  for (let m = 1; m < models; m++) {
    const sc = ledger.score(s, m);
    if (sc < bestScore) { best = m; bestScore = sc; }
  }
  return best;
}

/** Interval used while no outcome at all is known (the very first windows): ±25%. */
const DEFAULT_LOG_HALF_WIDTH = Math.log(1.25);

/**
 * Model `m`'s forecast `mean` on series `s` with its 90% interval from the
 * model's past log errors.
 *
 * @example
 * ```ts
 * const { low, high } = withInterval(sweep, 0, 2, 0.031);
 * ```
 */
export function withInterval(sweep: SpotSweep, s: number, m: number, mean: number): WindowForecast {
  const q = sweep.ledger.residualQuantiles(s, m, [sweep.levels[0], 0.5, sweep.levels[1]], sweep.minOwnInterval) ?? [-DEFAULT_LOG_HALF_WIDTH, 0, DEFAULT_LOG_HALF_WIDTH];
  return { mean, low: mean * Math.exp(q[0]), median: mean * Math.exp(q[1]), high: mean * Math.exp(q[2]) };
}
