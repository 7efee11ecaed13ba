import { PricingError } from '../errors.js';
import { quantileSorted } from '../quantiles.js';
import { SPOT_FORECASTERS, type SpotForecaster } from './forecasters.js';
import type { SpotData } from './price-series.js';
import { AUTO_MODEL, DEBIASED_SUFFIX, ENSEMBLE_MODEL, sweepSpot, withInterval } from './sweep.js';

/** Options of {@link evaluateSpot}, in hours. */
export interface SpotEvaluationOptions {
  readonly horizon: number;
  /** Hours between window starts. Default 6. */
  readonly step?: number;
  /** Hours of history before the first scored window. Default 168 (7 days). */
  readonly warmup?: number;
  /** Report only naive and this model, as chosen. Default: every model, `auto` chosen. */
  readonly model?: string;
}

/** Scores of one model, in percent (the fields of `corral spot evaluate --json`). */
export interface ModelScore {
  readonly name: string;
  readonly medianApePct: number;
  readonly p95ApePct: number;
  readonly meanApePct: number;
  readonly shareUnder4Pct: number;
  readonly coverage90Pct: number;
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
}

/**
 * Backtests spot cost forecasts: for each series and each window start
 * (every `step` hours after `warmup`), each model predicts the cost of running
 * `horizon` hours from there using only prices before the start, and only
 * errors of windows that had ended by then; the prediction and its 90%
 * interval are scored against the realised cost. `auto` (corral's choice)
 * picks per series and per window from past errors, so it never sees the
 * window it is scored on.
 *
 * @example
 * ```ts
 * const result = evaluateSpot(readSpotPrices('spotlake.csv'), { horizon: 24 });
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
  const base = baseModels(options.model);
  const scores = new Map<string, { ape: number[]; covered: number }>();
  const picks: Record<string, number> = {};
  let windows = 0;
  const sweep = sweepSpot(data, base, { horizon, step, warmup }, (s, j, sw) => {
    const bt = sw.tests[s];
    const real = bt.realised[j];
    if (bt.origins[j] < warmup || Number.isNaN(real)) return;
    windows++;
    const pick = sw.picks[s][j];
    picks[sw.names[pick]] = (picks[sw.names[pick]] ?? 0) + 1;
    const score = (name: string, m: number) => {
      const f = withInterval(sw, s, m, bt.forecasts[m][j]);
      let entry = scores.get(name);
      if (!entry) scores.set(name, (entry = { ape: [], covered: 0 }));
      entry.ape.push(Math.abs(f.mean - real) / real);
      if (real >= f.low && real <= f.high) entry.covered++;
    };
    sw.names.forEach((name, m) => score(name, m));
    score(AUTO_MODEL, pick);
  });
  const chosen = options.model ?? AUTO_MODEL;
  const models = [...sweep.names, AUTO_MODEL].filter((n) => !options.model || n === 'naive' || n === chosen)
    .map((name) => summarise(name, scores.get(name)?.ape ?? [], scores.get(name)?.covered ?? 0));
  return { horizonHours: horizon, windows, chosen, models, series: sweep.tests.length, stepHours: step, warmupHours: warmup, autoPicks: picks };
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

function summarise(name: string, apes: number[], covered: number): ModelScore {
  const sorted = Float64Array.from(apes).sort();
  const n = apes.length || 1;
  const pct = (x: number) => +(x * 100).toFixed(4);
  return {
    name,
    medianApePct: pct(quantileSorted(sorted, 0.5)),
    p95ApePct: pct(quantileSorted(sorted, 0.95)),
    meanApePct: pct(apes.reduce((a, b) => a + b, 0) / n),
    shareUnder4Pct: pct(apes.filter((a) => a < 0.04).length / n),
    coverage90Pct: pct(covered / n),
  };
}
