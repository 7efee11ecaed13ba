import { PricingError } from '../errors.js';
import { SPOT_FORECASTERS, type SpotForecaster } from './forecasters.js';
import { nestedSpot, type NestedFold, type NestedSplit, type SeriesGrouping } from './nested-spot.js';
import type { SpotData } from './price-series.js';
import { SpotScores, type ModelScore } from './spot-scores.js';
import { AUTO_MODEL, DEBIASED_SUFFIX, ENSEMBLE_MODEL, backtestAll, sweepSpot } from './sweep.js';

export type { ModelScore } from './spot-scores.js';

/** Options of {@link evaluateSpot}, in hours. */
export interface SpotEvaluationOptions {
  readonly horizon: number;
  /** Hours between window starts. Default 6. */
  readonly step?: number;
  /** Hours of history before the first scored window. Default 168 (7 days). */
  readonly warmup?: number;
  /** Report only naive and this model, as chosen. Default: every model, `auto` chosen. */
  readonly model?: string;
  /** Nested evaluation: hold out groups of series (`series`) or the later half of the period (`time`). */
  readonly nested?: NestedSplit;
  /** With `nested: 'series'`: what groups series. Default `type`. */
  readonly group?: SeriesGrouping;
}

/** What `corral spot evaluate --json` prints. */
export interface SpotEvaluation {
  readonly horizonHours: number;
  readonly windows: number;
  readonly chosen: string;
  readonly models: ModelScore[];
  readonly series: number;
  readonly stepHours: number;
  readonly warmupHours: number;
  /** How often `auto` picked each model. */
  readonly autoPicks: Record<string, number>;
  /** With `nested`: the split, and each held-out set with the settings chosen without it and its scores. */
  readonly nested?: { readonly split: NestedSplit; readonly group?: SeriesGrouping; readonly folds: NestedFold[] };
}

/**
 * Backtests spot cost forecasts: for each series and each window start
 * (every `step` hours after `warmup`), each model predicts the cost of running
 * `horizon` hours from there using only prices before the start, and only
 * errors of windows that had ended by then; the prediction and its 90%
 * interval are scored against the realised cost. `auto` (corral's choice)
 * picks per series and per window from past errors, so it never sees the
 * window it is scored on. With `nested`, the selector's settings and the
 * interval calibration are also kept away from the scored series (or period).
 *
 * @example
 * ```ts
 * const result = evaluateSpot(readSpotPrices('spotlake.csv'), { horizon: 24, nested: 'series', group: 'type' });
 * console.log(result.chosen, result.models.find((m) => m.name === 'naive'));
 * ```
 */
export function evaluateSpot(data: SpotData, options: SpotEvaluationOptions): SpotEvaluation {
  const horizon = options.horizon;
  const step = options.step ?? 6;
  const warmup = options.warmup ?? 168;
  for (const [field, v] of [['horizon', horizon], ['step', step], ['warmup', warmup]] as const) {
    if (!Number.isInteger(v) || v < 1) {
      throw new PricingError('CORRAL_SPOT_HORIZON', `spot evaluate: --${field} must be a whole number of hours >= 1 (got ${v})`);
    }
  }
  const longest = Math.max(...[...data.series.values()].map((s) => s.hourly.length));
  if (warmup + horizon > longest) {
    throw new PricingError('CORRAL_SPOT_HORIZON',
      `spot evaluate: ${data.file} holds at most ${longest} hours per series, fewer than warm-up ${warmup} h + horizon ${horizon} h; shorten --horizon or --warmup`);
  }
  if (options.nested !== undefined && !['series', 'time'].includes(options.nested)) {
    throw new PricingError('CORRAL_SPOT_SERIES', `spot evaluate: --nested "${options.nested}"; expected series or time`);
  }
  if (options.group !== undefined && !['type', 'zone', 'region'].includes(options.group)) {
    throw new PricingError('CORRAL_SPOT_SERIES', `spot evaluate: --group "${options.group}"; expected type, zone or region`);
  }
  const base = baseModels(options.model);
  const grid = { horizon, step, warmup };
  const scores = new SpotScores();
  let nested: SpotEvaluation['nested'];
  if (options.nested) {
    const tests = backtestAll(data, base, grid);
    const group = options.nested === 'series' ? (options.group ?? 'type') : undefined;
    const folds = nestedSpot(data, base, grid, tests, { split: options.nested, group }, scores);
    if (options.nested === 'series' && folds.length < 2) {
      throw new PricingError('CORRAL_SPOT_SERIES', `spot evaluate --nested series: ${data.file} has one ${group} only (${folds[0]?.heldOut}); hold out by another --group, or use --nested time`);
    }
    nested = { split: options.nested, ...(group ? { group } : {}), folds };
  } else {
    sweepSpot(data, base, grid, (s, j, sw) => {
      const bt = sw.tests[s];
      if (bt.origins[j] >= warmup && !Number.isNaN(bt.realised[j])) scores.add(sw, s, j);
    });
  }
  const chosen = options.model ?? AUTO_MODEL;
  const models = spotModelNames().filter((n) => !options.model || n === 'naive' || n === chosen).map((name) => scores.summary(name));
  return {
    horizonHours: horizon, windows: scores.windows, chosen, models, series: data.series.size, stepHours: step, warmupHours: warmup, autoPicks: scores.picks,
    ...(nested ? { nested } : {}),
  };
}

/**
 * Names `corral spot evaluate --model` accepts.
 *
 * @example
 * ```ts
 * spotModelNames(); // ['naive', 'mean-24h', ..., 'ensemble', 'naive+bias', ..., 'auto']
 * ```
 */
export function spotModelNames(): string[] {
  const raw = [...SPOT_FORECASTERS.map((f) => f.name), ENSEMBLE_MODEL];
  return [...raw, ...raw.map((n) => `${n}${DEBIASED_SUFFIX}`), AUTO_MODEL];
}

function baseModels(model: string | undefined): SpotForecaster[] {
  if (model !== undefined && !spotModelNames().includes(model)) {
    throw new PricingError('CORRAL_SPOT_SERIES', `spot evaluate: unknown --model "${model}"; known: ${spotModelNames().join(', ')}`);
  }
  return [...SPOT_FORECASTERS];
}
