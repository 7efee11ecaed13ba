import { inverse, Matrix } from 'ml-matrix';
import type { FeatureRow } from '../models/feature-basis.js';
import { DEFAULT_DESIGN_SETTINGS, type DesignSettings } from './design-settings.js';
import { DesignSpace } from './design-space.js';
import { spaceFillingStart } from './space-filling.js';

/** Stopping rule: the next experiment would remove less than 2% of the pool's remaining predictive variance. */
const STOP_GAIN = 0.02;

/** A plan of experiments and where its stopping rule says to stop. */
export interface ExperimentPlan {
  /** Indices into the pool, in the order to run them (`budget` of them). */
  readonly plan: number[];
  /**
   * Experiments worth running: the first n after which the pool's mean
   * predictive variance is below the observation noise (more runs would
   * mostly average noise), or the next one would remove less than `stopGain`
   * of it; the plan's length when the rule never fires.
   */
  readonly stopAt: number;
  /** Mean predictive variance of log seconds over the pool after 0..budget experiments. */
  readonly meanVariance: number[];
}

/**
 * Active experiment design over a {@link DesignSpace}: a space-filling start
 * (`settings.start` candidates by greedy k-medoids), then, one at a time, the
 * candidate whose observation most lowers the summed predictive variance of
 * the design model over the whole pool (active learning by variance
 * reduction, "ALC"). Needs no responses, so the plan is known before
 * anything runs; `observed` are candidates already run.
 *
 * @example
 * ```ts
 * const { plan, stopAt } = planExperiments(new DesignSpace(pool, ['vcpus', 'coremark']), 14);
 * ```
 */
export function planExperiments(
  space: DesignSpace,
  budget: number,
  options: { observed?: readonly number[]; settings?: DesignSettings; stopGain?: number } = {},
): ExperimentPlan {
  const settings = options.settings ?? DEFAULT_DESIGN_SETTINGS;
  const stopGain = options.stopGain ?? STOP_GAIN;
  const N = space.X.length;
  const observed = options.observed ?? [];
  // Posterior covariance over the pool, updated by one rank-1 step per experiment.
  const C = space.priorCovariance(settings);
  const taken = new Set<number>();
  const observe = (c: number) => {
    const denom = C[c * N + c] + settings.noise;
    const col = C.slice(c * N, c * N + N);
    for (let i = 0; i < N; i++) {
      const f = col[i] / denom;
      if (f === 0) continue;
      for (let j = 0; j < N; j++) C[i * N + j] -= f * col[j];
    }
    taken.add(c);
  };
  const meanVar = () => { let s = 0; for (let i = 0; i < N; i++) s += C[i * N + i]; return s / N; };
  for (const c of observed) observe(c);
  const plan: number[] = [];
  const meanVariance = [meanVar()];
  let stopAt = -1;
  const startCount = Math.max(0, Math.min(budget, settings.start - observed.length));
  for (const c of spaceFillingStart(space, startCount, observed)) {
    plan.push(c); observe(c); meanVariance.push(meanVar());
  }
  while (plan.length < budget && taken.size < N) {
    let best = -1;
    let bestGain = -Infinity;
    for (let c = 0; c < N; c++) {
      if (taken.has(c)) continue;
      let sum = 0;
      for (let i = 0; i < N; i++) { const v = C[i * N + c]; sum += v * v; }
      const gain = sum / (C[c * N + c] + settings.noise);
      if (gain > bestGain) { bestGain = gain; best = c; }
    }
    const remaining = meanVariance[meanVariance.length - 1];
    if (stopAt < 0 && (remaining < settings.noise || bestGain / N < stopGain * remaining)) stopAt = plan.length;
    plan.push(best);
    observe(best);
    meanVariance.push(meanVar());
  }
  return { plan, stopAt: stopAt < 0 ? plan.length : stopAt, meanVariance };
}

/**
 * The next `budget` experiments from a pool of candidate rows (see
 * {@link planExperiments}); `observed` are candidates already run.
 *
 * @example
 * ```ts
 * const next = chooseExperiments(pool, ['vcpus', 'coremark'], 6); // indices into pool, in order
 * ```
 */
export function chooseExperiments(
  pool: readonly FeatureRow[],
  features: readonly string[],
  budget: number,
  observed: readonly number[] = [],
  settings: DesignSettings = DEFAULT_DESIGN_SETTINGS,
): number[] {
  return planExperiments(new DesignSpace(pool, features), budget, { observed, settings }).plan;
}

/**
 * Fits the design model on observed inputs (in a {@link DesignSpace}) and
 * returns a predictor of log seconds (the posterior mean).
 *
 * @example
 * ```ts
 * const predictLog = fitInSpace(space, settings, chosen.map((i) => space.X[i]), chosen.map((i) => seconds[i]));
 * Math.exp(predictLog(space.encode(row)));
 * ```
 */
export function fitInSpace(space: DesignSpace, settings: DesignSettings, X: readonly Float64Array[], seconds: readonly number[]): (x: Float64Array) => number {
  const y = seconds.map(Math.log);
  const mean = y.reduce((a, b) => a + b, 0) / Math.max(1, y.length);
  const Kinv = inverse(new Matrix(X.map((a, i) => X.map((b, j) => space.kernel(a, b, settings) + (i === j ? settings.noise : 0))))).to2DArray();
  const alpha = Kinv.map((row) => row.reduce((s, v, j) => s + v * (y[j] - mean), 0));
  return (x) => {
    let mu = mean;
    for (let i = 0; i < X.length; i++) mu += space.kernel(x, X[i], settings) * alpha[i];
    return mu;
  };
}

/**
 * Fits the design model on the chosen experiments and returns a predictor of
 * seconds (the median) for any row.
 *
 * @example
 * ```ts
 * const predict = fitDesignModel(pool, features, chosen.map((i) => pool[i]), chosen.map((i) => seconds[i]));
 * predict(pool[0]);
 * ```
 */
export function fitDesignModel(
  pool: readonly FeatureRow[],
  features: readonly string[],
  rows: readonly FeatureRow[],
  seconds: readonly number[],
  settings: DesignSettings = DEFAULT_DESIGN_SETTINGS,
): (row: FeatureRow) => number {
  const space = new DesignSpace(pool, features);
  const predictLog = fitInSpace(space, settings, rows.map((r) => space.encode(r)), seconds);
  return (row) => Math.exp(predictLog(space.encode(row)));
}
