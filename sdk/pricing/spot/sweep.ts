import { backtestSeries, maturesAt, originMs, type BacktestGrid, type SeriesBacktest } from './backtest.js';
import { ErrorLedger } from './error-ledger.js';
import type { SpotForecaster } from './forecasters.js';
import { AutoInterval } from './auto-interval.js';
import { IntervalCalibrator } from './interval-calibration.js';
import type { SpotData } from './price-series.js';
import { DEFAULT_SELECTOR, selectorGrid, type SelectorSettings } from './selector-settings.js';
import { SelectorTuner } from './selector-tuner.js';
import { recentVolatility } from './volatility.js';

/** Name of the per-series selector. */
export const AUTO_MODEL = 'auto';
/** Name of the median-of-models ensemble. */
export const ENSEMBLE_MODEL = 'ensemble';
/** Suffix of a model corrected by the median of its own past log errors on the series. */
export const DEBIASED_SUFFIX = '+bias';
/** Own outcomes a series needs before its bias correction stops using the pool. */
const MIN_OWN_BIAS = 10;
/** The interval's quantile levels: a central 90% interval. */
const LEVELS = [0.05, 0.5, 0.95] as const;

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
  /** settingUsed[s][j]: index (into `tuner.settings`) of the selector settings in use at origin j of series s. */
  readonly settingUsed: readonly Int32Array[];
  /** The selector's settings as chosen so far (see {@link SelectorTuner}). */
  readonly tuner: SelectorTuner;
  /** Windows of overlap between consecutive origins (horizon / step, at least 1). */
  readonly overlap: number;
  /** volatility[s][j]: the series' recent volatility at origin j (see `recentVolatility`). */
  readonly volatility: readonly Float64Array[];
  /** Conformal pools of every model (volatility floor fixed). */
  readonly calibrator: IntervalCalibrator;
  /** `auto`'s own conformal intervals, volatility floor chosen by past interval scores. */
  readonly auto: AutoInterval;
}

/** Options of {@link sweepSpot}. */
export interface SweepOptions {
  /** Fixed selector settings; by default they are chosen from `selectors` as history replays. */
  readonly selector?: SelectorSettings;
  /** Settings the replay chooses from (default `selectorGrid()`); the last should be "never leave naive". */
  readonly selectors?: readonly SelectorSettings[];
  /** Series whose windows may calibrate intervals (default all): false keeps a held-out group out of the pools. */
  readonly calibrates?: (series: number) => boolean;
  /** Series whose windows may choose the selector's settings and enter the pooled scores (default all). */
  readonly tunes?: (series: number) => boolean;
  /** Backtests already computed for this data and grid (they are not modified). */
  readonly tests?: readonly SeriesBacktest[];
}

/**
 * Every model run at every origin of every series (the part of a sweep that
 * does not depend on the selector's settings, computed once and shared).
 *
 * @example
 * ```ts
 * const tests = backtestAll(data, SPOT_FORECASTERS, { horizon: 24, step: 6, warmup: 168 });
 * ```
 */
export function backtestAll(data: SpotData, base: readonly SpotForecaster[], grid: BacktestGrid): SeriesBacktest[] {
  return [...data.series.values()].map((s) => backtestSeries(s, base, grid, true));
}

/**
 * Replays history in time order. At every origin of every series, each model
 * forecasts from prices before the origin; bias corrections, `auto`'s pick,
 * the selector's settings and intervals use only outcomes of windows that had
 * ended by then. When a window ends, every model's error on it (and `auto`'s)
 * enters the ledger, the settings' record and the conformal pools; at the end
 * they hold every outcome in the data.
 *
 * @example
 * ```ts
 * const sweep = sweepSpot(data, SPOT_FORECASTERS, { horizon: 24, step: 6, warmup: 168 });
 * sweep.picks[0]; // what auto chose for the first series at each origin
 * ```
 */
export function sweepSpot(
  data: SpotData,
  base: readonly SpotForecaster[],
  grid: BacktestGrid,
  visit?: (s: number, j: number, sweep: SpotSweep) => void,
  options: SweepOptions = {},
): SpotSweep {
  const settings = options.selector ? [options.selector] : (options.selectors ?? selectorGrid());
  const raw = [...base.map((m) => m.name), ENSEMBLE_MODEL];
  const names = [...raw, ...raw.map((n) => `${n}${DEBIASED_SUFFIX}`)];
  const tests = (options.tests ?? backtestAll(data, base, grid)).map((bt) => (
    // Room for the bias-corrected twins, filled in during the replay.
    { ...bt, forecasts: [...bt.forecasts, ...bt.forecasts.map((f) => new Float64Array(f.length))] }
  ));
  const overlap = Math.max(1, grid.horizon / grid.step);
  // Overlapping windows share most of their hours: weigh a series' own record by its independent windows.
  // A held-out group stays out of the pooled scores too: through them it would steer the others' picks, and so the settings.
  const ledger = new ErrorLedger(names.length, tests.length, DEFAULT_SELECTOR.poolWeight * overlap, settings[0].clip, options.tunes);
  const picks = tests.map((bt) => new Int32Array(bt.origins.length));
  const settingUsed = tests.map((bt) => new Int32Array(bt.origins.length));
  const tuner = new SelectorTuner(settings, tests.map((bt) => bt.origins.length), overlap, options.tunes);
  const volatility = tests.map((bt) => Float64Array.from(bt.origins, (o) => recentVolatility(bt.series.hourly, o, grid.horizon)));
  const calibrator = new IntervalCalibrator(names.length, options.calibrates);
  const auto = new AutoInterval(tests.map((bt) => bt.origins.length), options.calibrates);
  const sweep: SpotSweep = { names, tests, ledger, picks, settingUsed, tuner, overlap, volatility, calibrator, auto };
  const matured = tests.flatMap((bt, s) => Array.from(bt.origins, (_, j) => ({ s, j, at: maturesAt(bt, j) }))).sort((a, b) => a.at - b.at);
  const rows = tests.flatMap((bt, s) => Array.from(bt.origins, (_, j) => ({ s, j, at: originMs(bt, j) }))).sort((a, b) => a.at - b.at);
  const learn = (s: number, j: number) => {
    const bt = tests[s];
    const real = bt.realised[j];
    for (let m = 0; m < names.length; m++) {
      ledger.add(s, m, bt.forecasts[m][j], real);
      calibrator.add(s, m, Math.log(real / bt.forecasts[m][j]), volatility[s][j]);
    }
    auto.learn(s, j, bt.forecasts[picks[s][j]][j], real, volatility[s][j]);
    tuner.learn(s, j, bt.forecasts[0][j], real, maturesAt(bt, j));
  };
  let next = 0;
  for (const row of rows) {
    while (next < matured.length && matured[next].at <= row.at) { learn(matured[next].s, matured[next].j); next++; }
    const bt = tests[row.s];
    for (let m = 0; m < raw.length; m++) {
      bt.forecasts[raw.length + m][row.j] = debias(ledger, row.s, m, bt.forecasts[m][row.j]);
    }
    settings.forEach((setting, k) => tuner.issue(row.s, row.j, k, bt.forecasts[pickWith(sweep, row.s, setting)][row.j]));
    settingUsed[row.s][row.j] = tuner.current();
    picks[row.s][row.j] = pickWith(sweep, row.s, settings[settingUsed[row.s][row.j]]);
    auto.issue(row.s, row.j, bt.forecasts[picks[row.s][row.j]][row.j], volatility[row.s][row.j]);
    visit?.(row.s, row.j, sweep);
  }
  // Every outcome known by the end of the data, so forecasts from the end use all of it.
  for (; next < matured.length; next++) learn(matured[next].s, matured[next].j);
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
 * The model `auto` picks for series `s` under `setting` from the ledger as it
 * stands (default: the settings in use now).
 *
 * @example
 * ```ts
 * const m = pickWith(sweep, 0);
 * sweep.names[m];
 * ```
 */
export function pickWith(sweep: SpotSweep, s: number, setting = sweep.tuner.settings[sweep.tuner.current()]): number {
  return pickModel(sweep.ledger, s, sweep.names.length, setting.margin, setting.poolWeight * sweep.overlap);
}

/**
 * The model with the smallest past error on series `s` (scores shrunk toward
 * all series by `poolWeight` windows); naive (index 0) when nothing is known
 * yet or no model beats it by `margin`.
 *
 * @example
 * ```ts
 * const m = pickModel(ledger, 0, names.length, 0.03, 40);
 * ```
 */
export function pickModel(ledger: ErrorLedger, s: number, models: number, margin = DEFAULT_SELECTOR.margin, poolWeight?: number): number {
  let best = 0;
  let bestScore = ledger.score(s, 0, poolWeight) * (1 - margin);
  for (let m = 1; m < models; m++) {
    const sc = ledger.score(s, m, poolWeight);
    if (sc < bestScore) { best = m; bestScore = sc; }
  }
  return best;
}

/** Interval used while no outcome at all is known (the very first windows): ±25%. */
const DEFAULT_LOG_HALF_WIDTH = Math.log(1.25);

/**
 * A forecast `mean` with its 90% interval from the conformal pool of slot
 * `slot` (a model index, or `names.length` for `auto`'s own), scaled by the
 * series' volatility at the origin.
 *
 * @example
 * ```ts
 * const { low, high } = withInterval(sweep, 2, 0.031, 0.01);
 * ```
 */
export function withInterval(sweep: SpotSweep, slot: number, mean: number, volatility: number): WindowForecast {
  const q = (slot === sweep.names.length ? sweep.auto.interval(mean, volatility) : sweep.calibrator.interval(slot, mean, volatility, LEVELS))
    ?? [mean / Math.exp(DEFAULT_LOG_HALF_WIDTH), mean, mean * Math.exp(DEFAULT_LOG_HALF_WIDTH)];
  return { mean, low: q[0], median: q[1], high: q[2] };
}
