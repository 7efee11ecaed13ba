import { mathjs } from '../models/lazy-mathjs.js';
import { Basis, describeColumns, type FeatureRow } from '../models/feature-basis.js';
import { defaultTerms } from '../models/composite-model.js';

/**
 * Kernel of the design model (inputs standardised, log of positive
 * features): an unknown constant, a linear trend and a smooth local
 * departure from it, plus observation noise. Fixed a priori because a
 * handful of experiments cannot fit hyperparameters.
 */
const KERNEL = { constant: 4, linear: 0.5, local: 0.25, lengthScale2: 1, noise: 0.005 } as const;
/** Standardised inputs are clipped to ±CLIP. */
const CLIP = 3;

/**
 * Inputs of the design model for each row: standardised (over the candidate
 * pool, whose features are known before any experiment runs) power-law
 * terms of numeric features and indicators of categorical levels.
 *
 * @example
 * ```ts
 * const X = designInputs(pool, ['vcpus', 'coremark']);
 * ```
 */
export function designInputs(pool: readonly FeatureRow[], features: readonly string[]): (row: FeatureRow) => Float64Array {
  const columns = describeColumns(pool, features);
  const basis = Basis.fit(pool, columns, defaultTerms(columns));
  // Clipped so a rare extreme (a GPU count among CPU machines) cannot dominate the kernel.
  return (row) => basis.encode(row).subarray(1).map((z) => Math.max(-CLIP, Math.min(CLIP, z)));
}

function kernel(a: Float64Array, b: Float64Array): number {
  let d2 = 0; let dot = 0;
  for (let i = 0; i < a.length; i++) { const d = a[i] - b[i]; d2 += d * d; dot += a[i] * b[i]; }
  const p = Math.max(1, a.length);
  return KERNEL.constant + (KERNEL.linear * dot) / p + KERNEL.local * Math.exp(-d2 / (2 * KERNEL.lengthScale2 * p));
}

/**
 * Active experiment design: picks, one at a time, the candidate whose
 * observation most lowers the summed predictive variance of the design model
 * over the whole pool (active learning by variance reduction, "ALC"). The
 * criterion needs no responses, so the plan is known before anything runs;
 * `observed` are candidates already run.
 *
 * @example
 * ```ts
 * const next = chooseExperiments(pool, ['vcpus', 'coremark'], 6); // indices into pool, in order
 * ```
 */
export function chooseExperiments(pool: readonly FeatureRow[], features: readonly string[], budget: number, observed: readonly number[] = []): number[] {
  const encode = designInputs(pool, features);
  const X = pool.map(encode);
  const N = X.length;
  const K = Array.from({ length: N }, (_, i) => {
    const row = new Float64Array(N);
    for (let j = 0; j < N; j++) row[j] = kernel(X[i], X[j]);
    return row;
  });
  const chosen = [...observed];
  const taken = new Set(observed);
  const plan: number[] = [];
  const cov = new Float64Array(N);
  for (let step = 0; step < budget && taken.size < N; step++) {
    // W = (K_SS + noise)⁻¹ K_S·, so posterior cov(i, c) = K[i][c] - Σ_s K[s][i] W[s][c].
    const n = chosen.length;
    let W: Float64Array[] = [];
    if (n > 0) {
      const Kss = chosen.map((a) => chosen.map((b) => K[a][b] + (a === b ? KERNEL.noise : 0)));
      const Kinv = mathjs().inv(Kss) as number[][];
      W = chosen.map((_, s) => {
        const w = new Float64Array(N);
        for (let t = 0; t < n; t++) { const f = Kinv[s][t]; const Kt = K[chosen[t]]; for (let j = 0; j < N; j++) w[j] += f * Kt[j]; }
        return w;
      });
    }
    let best = -1;
    let bestGain = -Infinity;
    for (let c = 0; c < N; c++) {
      if (taken.has(c)) continue;
      for (let i = 0; i < N; i++) {
        let v = K[i][c];
        for (let s = 0; s < n; s++) v -= K[chosen[s]][i] * W[s][c];
        cov[i] = v;
      }
      let sum = 0;
      for (let i = 0; i < N; i++) sum += cov[i] * cov[i];
      const gain = sum / (cov[c] + KERNEL.noise);
      if (gain > bestGain) { bestGain = gain; best = c; }
    }
    plan.push(best);
    taken.add(best);
    chosen.push(best);
  }
  return plan;
}

/**
 * Fits the design model (a Gaussian process on log seconds) on the chosen
 * experiments and returns a predictor of seconds (the median) for any row.
 *
 * @example
 * ```ts
 * const predict = fitDesignModel(pool, features, chosen.map((i) => pool[i]), chosen.map((i) => seconds[i]));
 * predict(pool[0]);
 * ```
 */
export function fitDesignModel(pool: readonly FeatureRow[], features: readonly string[], rows: readonly FeatureRow[], seconds: readonly number[]): (row: FeatureRow) => number {
  const encode = designInputs(pool, features);
  const X = rows.map(encode);
  const y = seconds.map(Math.log);
  const mean = y.reduce((a, b) => a + b, 0) / Math.max(1, y.length);
  const Kinv = mathjs().inv(X.map((a, i) => X.map((b, j) => kernel(a, b) + (i === j ? KERNEL.noise : 0)))) as number[][];
  const alpha = Kinv.map((row) => row.reduce((s, v, j) => s + v * (y[j] - mean), 0));
  return (row) => {
    const x = encode(row);
    let mu = mean;
    for (let i = 0; i < X.length; i++) mu += kernel(x, X[i]) * alpha[i];
    return Math.exp(mu);
  };
}
