import { inverse, Matrix } from 'ml-matrix';

/** A fitted ridge (Bayesian linear) regression in a fixed basis. */
export interface RidgeFit {
  /** Coefficients, one per basis column (column 0 is the intercept). */
  readonly coef: Float64Array;
  /** Residual variance of the training fit (degrees-of-freedom corrected). */
  readonly sigma2: number;
  /** (XᵀX + λD)⁻¹, row-major p×p: the posterior covariance divided by sigma2. */
  readonly covUnscaled: Float64Array;
  readonly p: number;
  readonly n: number;
}

/**
 * Fits y ≈ Xβ with a ridge penalty on every column but the intercept
 * (column 0). The p×p inverse goes through ml-matrix (LU); the O(n·p²) products stay
 * in typed arrays because they dominate the cost.
 *
 * @example
 * ```ts
 * const fit = fitRidge([[1, 0], [1, 1], [1, 2]], [1, 3, 5], 1e-6);
 * predictRidge(fit, [1, 3]); // ≈ 7
 * ```
 */
export function fitRidge(rows: readonly ArrayLike<number>[], y: readonly number[], lambda: number): RidgeFit {
  const n = rows.length;
  const p = n > 0 ? rows[0].length : 0;
  const xtx: number[][] = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  const xty = new Float64Array(p);
  for (let r = 0; r < n; r++) {
    const x = rows[r];
    for (let i = 0; i < p; i++) {
      const xi = x[i];
      if (xi === 0) continue;
      xty[i] += xi * y[r];
      const row = xtx[i];
      for (let j = i; j < p; j++) row[j] += xi * x[j];
    }
  }
  for (let i = 0; i < p; i++) {
    for (let j = 0; j < i; j++) xtx[i][j] = xtx[j][i];
    // A tiny floor on the intercept keeps the system invertible with one row.
    xtx[i][i] += i === 0 ? 1e-9 : lambda;
  }
  const invM = inverse(new Matrix(xtx)).to2DArray();
  const covUnscaled = new Float64Array(p * p);
  const coef = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    let s = 0;
    for (let j = 0; j < p; j++) {
      covUnscaled[i * p + j] = invM[i][j];
      s += invM[i][j] * xty[j];
    }
    coef[i] = s;
  }
  let sse = 0;
  for (let r = 0; r < n; r++) {
    const e = y[r] - dot(coef, rows[r]);
    sse += e * e;
  }
  const dof = Math.max(1, n - p);
  return { coef, sigma2: n > 1 ? sse / dof : 0, covUnscaled, p, n };
}

/**
 * The fitted mean at basis vector x.
 *
 * @example
 * ```ts
 * const mean = predictRidge(fit, basisRow);
 * ```
 */
export function predictRidge(fit: RidgeFit, x: ArrayLike<number>): number {
  return dot(fit.coef, x);
}

/**
 * xᵀ(XᵀX + λD)⁻¹x: how far x is from the training design (times sigma2, the
 * variance of the fitted mean there).
 *
 * @example
 * ```ts
 * const leverage = leverageRidge(fit, basisRow);
 * const stdev = Math.sqrt(fit.sigma2 * (1 + leverage));
 * ```
 */
export function leverageRidge(fit: RidgeFit, x: ArrayLike<number>): number {
  const p = fit.p;
  const c = fit.covUnscaled;
  let s = 0;
  for (let i = 0; i < p; i++) {
    const xi = x[i];
    if (xi === 0) continue;
    let t = 0;
    for (let j = 0; j < p; j++) t += c[i * p + j] * x[j];
    s += xi * t;
  }
  return s;
}

function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}
