import { ProfilingError } from '../errors.js';
import { Basis, describeColumns, termName, type ColumnInfo, type FeatureRow, type Term } from './feature-basis.js';
import { groupFolds, seededRandom, shuffled } from './folds.js';
import { fromLogSpace, quantile, Z80 } from './log-space.js';
import { fitRidge, leverageRidge, predictRidge, type RidgeFit } from './ridge.js';
import { foldResiduals, score, selectTerms, type SelectionData } from './term-selection.js';

/** How a composite model is fitted. */
export interface CompositeOptions {
  /** Feature names (numeric or categorical) the model may use. */
  readonly features: readonly string[];
  /** Ridge penalty on standardised terms (default: chosen from 0.1, 1, 10 by cross-validation). */
  readonly lambda?: number;
  /** Folds of the inner cross-validation (default 5, fewer with few groups). */
  readonly folds?: number;
  /** Most terms the forward selection may pick (default 12). */
  readonly maxTerms?: number;
  /** Allow products of two selected numeric terms (default true). */
  readonly interactions?: boolean;
  /** Observations of a new group the model will usually see before predicting it (default 1): scoring and calibration follow this. */
  readonly retrain?: number;
  /** false: take every main term without selection (for very few rows). Default: select when there are >= 12 rows. */
  readonly select?: boolean;
  /** false: keep the modelled spread as is (no conformal factor); for comparison only. Default true. */
  readonly calibrate?: boolean;
  readonly seed?: number;
}

/** Training data: rows of features, a positive response each, and optionally a group each. */
export interface CompositeData {
  readonly rows: readonly FeatureRow[];
  readonly response: readonly number[];
  /** Group of each row (an endpoint, an instance family): offsets are learned per group. */
  readonly groups?: readonly string[];
}

/** A prediction in seconds (the median), with a calibrated spread and 80% interval. */
export interface CompositePrediction {
  readonly seconds: number;
  readonly stdev: number;
  readonly lower80: number;
  readonly upper80: number;
}

/**
 * A composite model: additive in log space over transformed input and
 * endpoint features (log, linear, squares, chosen products), fitted by ridge
 * regression with terms chosen by grouped cross-validation. Each group (an
 * endpoint never run on before) gets a shrunken offset from its own
 * observations, so one observation already adapts the model; the spread is
 * calibrated on cross-validated residuals.
 *
 * @example
 * ```ts
 * const model = fitComposite({ rows, response: seconds, groups: families }, { features: ['vcpus', 'coremark'] });
 * model.adapt('c9x', { vcpus: 4, coremark: 9e4 }, 51.2); // one run on the new family
 * model.predict({ vcpus: 16, coremark: 3.6e5 }, 'c9x');  // { seconds, stdev, lower80, upper80 }
 * ```
 */
export class CompositeModel {
  private readonly offsets = new Map<string, { sum: number; n: number }>();
  private readonly scratch: Float64Array;

  constructor(
    readonly basis: Basis,
    private readonly fit: RidgeFit,
    /** Variance (log space) of rows around their group's offset. */
    readonly withinVar: number,
    /** Variance (log space) of group offsets. */
    readonly betweenVar: number,
    /** Multiplier on the modelled spread, from cross-validated residuals. */
    readonly calibration: number,
  ) {
    this.scratch = new Float64Array(basis.width);
  }

  /** Names of the selected terms, in order of selection. */
  get termNames(): string[] {
    return this.basis.terms.map(termName);
  }

  /** Mean and stdev of log(seconds) for a row (plus `extra` features), with the group's offset when it has observations. */
  predictLog(row: FeatureRow, group?: string, extra?: FeatureRow): { mu: number; sd: number } {
    const x = this.basis.encode(row, this.scratch, extra);
    const base = predictRidge(this.fit, x);
    const o = group === undefined ? undefined : this.offsets.get(group);
    const m = o?.n ?? 0;
    const shrink = this.shrinkage(m);
    const mu = base + (o ? (o.sum / m) * shrink : 0);
    const variance = this.withinVar + this.betweenVar * (1 - shrink) + this.fit.sigma2 * leverageRidge(this.fit, x);
    return { mu, sd: this.calibration * Math.sqrt(variance) };
  }

  /** The median in seconds with its calibrated stdev and 80% interval. */
  predict(row: FeatureRow, group?: string, extra?: FeatureRow): CompositePrediction {
    const { mu, sd } = this.predictLog(row, group, extra);
    return fromLogSpace(mu, sd);
  }

  /** One-observation retraining: learns (more of) the group's offset from one run (of `row`, plus `extra` features). */
  adapt(group: string, row: FeatureRow, seconds: number, extra?: FeatureRow): void {
    if (!(seconds > 0) || !Number.isFinite(seconds)) return;
    const residual = Math.log(seconds) - predictRidge(this.fit, this.basis.encode(row, this.scratch, extra));
    let o = this.offsets.get(group);
    if (!o) this.offsets.set(group, (o = { sum: 0, n: 0 }));
    o.sum += residual;
    o.n += 1;
  }

  /** Observations adapted for a group so far. */
  observationsOf(group: string): number {
    return this.offsets.get(group)?.n ?? 0;
  }

  /** Fraction of a group's mean residual trusted after m observations (empirical Bayes). */
  private shrinkage(m: number): number {
    if (m === 0) return 0;
    if (this.betweenVar <= 0) return 0;
    return (m * this.betweenVar) / (m * this.betweenVar + this.withinVar);
  }
}

/**
 * Fits a {@link CompositeModel}: validates the data, selects terms by grouped
 * cross-validation, estimates within- and between-group variance and
 * calibrates the spread so 80% intervals hold 80% of unseen rows.
 *
 * @example
 * ```ts
 * const model = fitComposite({ rows, response, groups }, { features: ['vcpus', 'cpu_mhz'], retrain: 1 });
 * ```
 */
export function fitComposite(data: CompositeData, options: CompositeOptions): CompositeModel {
  const { rows, response } = data;
  if (rows.length !== response.length) {
    throw new ProfilingError('CORRAL_PROFILE_BAD_DATA', `profile data: ${rows.length} rows but ${response.length} responses`);
  }
  if (rows.length < 2) {
    throw new ProfilingError('CORRAL_PROFILE_TOO_FEW_ROWS', `profile data: ${rows.length} row(s); a composite model needs at least 2 (the predictor falls back to its prior)`);
  }
  response.forEach((v, i) => {
    if (!(v > 0) || !Number.isFinite(v)) {
      throw new ProfilingError('CORRAL_PROFILE_BAD_RESPONSE', `profile data row ${i + 1}: response ${v} is not a finite positive number of seconds`);
    }
  });
  const groups = data.groups ?? rows.map((_, i) => `#${i}`);
  const hasGroups = data.groups !== undefined;
  const y = response.map(Math.log);
  const columns = describeColumns(rows, options.features);
  const lambda = options.lambda ?? 1;
  const rng = seededRandom(options.seed ?? 1);
  const distinct = new Set(groups).size;
  const k = Math.max(2, Math.min(options.folds ?? 5, distinct));
  const folds = distinct >= 2 ? groupFolds(groups, k, rng) : rows.map((_, i) => i % 2);
  const retrain = hasGroups ? (options.retrain ?? 1) : 0;
  const retrainRows = pickRetrainRows(groups, retrain, rng);
  const sel: SelectionData = { rows, y, groups, folds, k, lambda, retrainRows, columns };
  const select = options.select ?? rows.length >= 12;
  const terms = select
    ? selectTerms(sel, mainCandidates(columns), { maxTerms: options.maxTerms ?? 12, interactions: options.interactions ?? true })
    : defaultTerms(columns);
  // The penalty is chosen after the terms, by the same cross-validated score.
  const chosenLambda = options.lambda ?? pickLambda(sel, terms);
  const final = { ...sel, lambda: chosenLambda };
  const residuals = foldResiduals(final, terms);
  const { withinVar, betweenVar } = varianceComponents(residuals, groups, hasGroups);
  const basis = Basis.fit(rows, columns, terms);
  const fit = fitRidge(rows.map((r) => basis.encode(r)), y, chosenLambda);
  const calibration = options.calibrate === false ? 1 : calibrate(residuals, groups, retrainRows, withinVar, betweenVar);
  return new CompositeModel(basis, fit, withinVar, betweenVar, calibration);
}

/** Candidate main terms: each numeric feature's transforms, each categorical as its levels. */
function mainCandidates(columns: readonly ColumnInfo[]): Term[][] {
  const out: Term[][] = [];
  for (const c of columns) {
    if (c.constant) continue;
    if (c.kind === 'categorical') {
      out.push(c.levels.slice(1).map((level) => ({ kind: 'level', feature: c.name, level })));
      continue;
    }
    if (c.positive) {
      out.push([{ kind: 'log', feature: c.name }], [{ kind: 'log2', feature: c.name }]);
    }
    out.push([{ kind: 'lin', feature: c.name }]);
    if (!c.positive) out.push([{ kind: 'lin2', feature: c.name }]);
  }
  return out;
}

/** Without selection: the power-law term (log) of each numeric feature, levels of categoricals. */
export function defaultTerms(columns: readonly ColumnInfo[]): Term[] {
  const out: Term[] = [];
  for (const c of columns) {
    if (c.constant) continue;
    if (c.kind === 'categorical') out.push(...c.levels.slice(1).map((level): Term => ({ kind: 'level', feature: c.name, level })));
    else out.push({ kind: c.positive ? 'log' : 'lin', feature: c.name });
  }
  return out;
}

/** For each group, the indices of `k` rows (chosen at random) that play "first observations" in cross-validation. */
function pickRetrainRows(groups: readonly string[], k: number, rng: () => number): Set<number> {
  const chosen = new Set<number>();
  if (k <= 0) return chosen;
  const byGroup = byGroupOf(groups, (i) => i);
  // A group with no rows left to score after its first observations teaches nothing about adapting.
  for (const idx of byGroup.values()) if (idx.length > k) for (const i of shuffled(idx, rng).slice(0, k)) chosen.add(i);
  return chosen;
}

/**
 * Row `i`'s `value(i)` listed under its group, in row order. Each list grows in place: copying it per row made a
 * refit quadratic in its rows (a predictor refits up to its 2,000-run window, while every call is placed).
 */
function byGroupOf(groups: readonly string[], value: (i: number) => number): Map<string, number[]> {
  const byGroup = new Map<string, number[]>();
  groups.forEach((g, i) => {
    const list = byGroup.get(g);
    if (list) list.push(value(i));
    else byGroup.set(g, [value(i)]);
  });
  return byGroup;
}

/** Splits out-of-fold residual variance into within-group and between-group parts. */
function varianceComponents(
  { residual }: { residual: Float64Array },
  groups: readonly string[],
  hasGroups: boolean,
): { withinVar: number; betweenVar: number } {
  const all = Array.from(residual);
  const total = all.reduce((s, r) => s + r * r, 0) / Math.max(1, all.length);
  if (!hasGroups) return { withinVar: Math.max(total, 1e-6), betweenVar: 0 };
  const byGroup = byGroupOf(groups, (i) => residual[i]!);
  let ssw = 0; let dfw = 0;
  const means: number[] = []; const invN: number[] = [];
  for (const rs of byGroup.values()) {
    const m = rs.reduce((a, b) => a + b, 0) / rs.length;
    means.push(m); invN.push(1 / rs.length);
    for (const r of rs) ssw += (r - m) ** 2;
    dfw += rs.length - 1;
  }
  const withinVar = dfw > 0 ? ssw / dfw : total / 2;
  const meanSq = means.reduce((s, m) => s + m * m, 0) / means.length;
  const betweenVar = Math.max(meanSq - withinVar * (invN.reduce((a, b) => a + b, 0) / invN.length), 0.05 * withinVar);
  return { withinVar: Math.max(withinVar, 1e-6), betweenVar };
}

/**
 * The factor that makes the modelled spread match cross-validated errors:
 * the 80th percentile of |residual| / modelled stdev, over rows scored the
 * way the model will be used (after the group's first observations).
 */
function calibrate(
  { residual, paramVar }: { residual: Float64Array; paramVar: Float64Array },
  groups: readonly string[],
  retrainRows: ReadonlySet<number>,
  withinVar: number,
  betweenVar: number,
): number {
  const seen = new Map<string, { sum: number; n: number }>();
  retrainRows.forEach((i) => {
    const o = seen.get(groups[i]) ?? { sum: 0, n: 0 };
    o.sum += residual[i]; o.n += 1;
    seen.set(groups[i], o);
  });
  const z: number[] = [];
  for (let i = 0; i < residual.length; i++) {
    if (retrainRows.has(i)) continue;
    const o = seen.get(groups[i]);
    const m = o?.n ?? 0;
    const shrink = m > 0 && betweenVar > 0 ? (m * betweenVar) / (m * betweenVar + withinVar) : 0;
    const r = residual[i] - (o ? (o.sum / m) * shrink : 0);
    const sd = Math.sqrt(withinVar + betweenVar * (1 - shrink) + paramVar[i]);
    z.push(Math.abs(r) / sd);
  }
  // Too few scored rows to estimate a percentile: stay on the wide side.
  if (z.length < 10) return 1.5;
  return Math.max(0.25, quantile(z, 0.8) / Z80);
}

/** The ridge penalty among 0.1, 1 and 10 with the lowest cross-validated error. */
function pickLambda(sel: SelectionData, terms: readonly Term[]): number {
  let best = 1;
  let bestScore = Number.POSITIVE_INFINITY;
  for (const lambda of [0.1, 1, 10]) {
    const s = score({ ...sel, lambda }, foldResiduals({ ...sel, lambda }, terms).residual);
    if (s < bestScore) { bestScore = s; best = lambda; }
  }
  return best;
}
