import { rawTerm, termName, type ColumnInfo, type FeatureRow, type Term } from './feature-basis.js';
import { fitRidge, leverageRidge, predictRidge } from './ridge.js';

/** Everything cross-validated term selection needs, prepared once. */
export interface SelectionData {
  readonly rows: readonly FeatureRow[];
  /** log(response) per row. */
  readonly y: readonly number[];
  readonly groups: readonly string[];
  readonly folds: readonly number[];
  readonly k: number;
  readonly lambda: number;
  /** Rows that act as a held-out group's first observations (they set its offset and are not scored). */
  readonly retrainRows: ReadonlySet<number>;
  readonly columns: readonly ColumnInfo[];
}

/**
 * Forward selection: starting from the intercept, repeatedly adds the
 * candidate (a main term, a categorical's levels, or a product of two chosen
 * numeric terms) that most lowers the cross-validated mean absolute log
 * error, until no candidate improves it by 0.5% or `maxTerms` is reached.
 *
 * @example
 * ```ts
 * const terms = selectTerms(data, [[{ kind: 'log', feature: 'vcpus' }]], { maxTerms: 8, interactions: true });
 * ```
 */
export function selectTerms(sel: SelectionData, candidates: readonly (readonly Term[])[], options: { maxTerms: number; interactions: boolean }): Term[] {
  const cache = new Map<string, Float64Array>();
  let chosen: Term[] = [];
  let best = score(sel, foldResiduals(sel, chosen, cache).residual);
  const pool: (readonly Term[])[] = [...candidates];
  while (chosen.length < options.maxTerms && pool.length > 0) {
    let bestIdx = -1;
    let bestScore = best;
    pool.forEach((cand, idx) => {
      const s = score(sel, foldResiduals(sel, [...chosen, ...cand], cache).residual);
      if (s < bestScore) { bestScore = s; bestIdx = idx; }
    });
    if (bestIdx < 0 || bestScore > best * 0.995) break;
    const [added] = pool.splice(bestIdx, 1);
    if (options.interactions && added.length === 1 && interacts(added[0])) {
      for (const t of chosen) {
        if (interacts(t) && t.feature !== added[0].feature && !(t.kind === 'level' && added[0].kind === 'level')) {
          pool.push([{ kind: 'product', a: t, b: added[0] }]);
        }
      }
    }
    chosen = [...chosen, ...added];
    best = bestScore;
  }
  return chosen;
}

/** Mean absolute out-of-fold error (log space) over scored rows, after each group's offset from its first observations. */
export function score(sel: SelectionData, residual: Float64Array): number {
  const offset = new Map<string, { sum: number; n: number }>();
  sel.retrainRows.forEach((i) => {
    const o = offset.get(sel.groups[i]) ?? { sum: 0, n: 0 };
    o.sum += residual[i]; o.n += 1;
    offset.set(sel.groups[i], o);
  });
  let s = 0; let n = 0;
  for (let i = 0; i < residual.length; i++) {
    if (sel.retrainRows.has(i)) continue;
    const o = offset.get(sel.groups[i]);
    s += Math.abs(residual[i] - (o ? o.sum / o.n : 0));
    n += 1;
  }
  return n > 0 ? s / n : Number.POSITIVE_INFINITY;
}

/**
 * Out-of-fold residuals (log space, no group offsets) of a ridge fit on
 * `terms`, and each row's parameter variance (sigma² × leverage). Raw term
 * columns are cached across calls; each fold standardises on its own rows.
 *
 * @example
 * ```ts
 * const { residual } = foldResiduals(data, terms);
 * ```
 */
export function foldResiduals(
  sel: SelectionData,
  terms: readonly Term[],
  cache: Map<string, Float64Array> = new Map(),
): { residual: Float64Array; paramVar: Float64Array } {
  const n = sel.rows.length;
  const cols = new Map(sel.columns.map((c) => [c.name, c]));
  const raw = terms.map((t) => {
    const key = termName(t);
    let v = cache.get(key);
    if (!v) {
      v = new Float64Array(n);
      for (let i = 0; i < n; i++) v[i] = rawTerm(t, sel.rows[i], cols);
      cache.set(key, v);
    }
    return v;
  });
  const residual = new Float64Array(n);
  const paramVar = new Float64Array(n);
  const p = terms.length + 1;
  for (let f = 0; f < sel.k; f++) {
    const train: number[] = [];
    const test: number[] = [];
    sel.folds.forEach((fold, i) => (fold === f ? test : train).push(i));
    if (test.length === 0 || train.length === 0) continue;
    const centre = new Float64Array(terms.length);
    const scale = new Float64Array(terms.length);
    raw.forEach((v, t) => {
      let s = 0; let s2 = 0;
      for (const i of train) { s += v[i]; s2 += v[i] * v[i]; }
      const mean = s / train.length;
      const sd = Math.sqrt(Math.max(0, s2 / train.length - mean * mean));
      centre[t] = mean;
      scale[t] = sd > 1e-12 * Math.max(1, Math.abs(mean)) ? 1 / sd : 0;
    });
    const encode = (i: number): Float64Array => {
      const x = new Float64Array(p);
      x[0] = 1;
      for (let t = 0; t < raw.length; t++) x[t + 1] = (raw[t][i] - centre[t]) * scale[t];
      return x;
    };
    const fit = fitRidge(train.map(encode), train.map((i) => sel.y[i]), sel.lambda);
    for (const i of test) {
      const x = encode(i);
      residual[i] = sel.y[i] - predictRidge(fit, x);
      paramVar[i] = fit.sigma2 * leverageRidge(fit, x);
    }
  }
  return { residual, paramVar };
}

/** Main terms that may form products: log and linear numeric terms, and a two-level categorical's indicator. */
function interacts(t: Term): t is Extract<Term, { feature: string }> {
  return t.kind === 'log' || t.kind === 'lin' || t.kind === 'level';
}
