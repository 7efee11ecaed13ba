import { ProfilingError } from '../errors.js';
import { fitRidge } from './ridge.js';

/** The single-variable model families corral fits. */
export type SingleVariableFamily = 'linear' | 'power' | 'logarithmic' | 'exponential' | 'quadratic';

/** Every family, in the order ties are broken (simplest first). */
export const SINGLE_VARIABLE_FAMILIES: readonly SingleVariableFamily[] = ['linear', 'power', 'logarithmic', 'exponential', 'quadratic'];

/** A fitted single-variable model y = f(x). */
export interface SingleVariableModel {
  readonly family: SingleVariableFamily;
  /** Coefficients in the family's own form (see `formula`). */
  readonly params: readonly number[];
  readonly formula: string;
  /** Cross-validated mean absolute % error of this family. */
  readonly cvMapePct: number;
  /** Cross-validated error of every family that could be fitted. */
  readonly scores: Readonly<Partial<Record<SingleVariableFamily, number>>>;
  predict(x: number): number;
}

interface Spec {
  ok(x: readonly number[], y: readonly number[]): boolean;
  basis(x: number): number[];
  /** log: the fit is of log(y) and predictions are exp of it. */
  log: boolean;
  params(c: Float64Array): number[];
  formula(p: readonly number[]): string;
}

const SPECS: Record<SingleVariableFamily, Spec> = {
  linear: { ok: () => true, basis: (x) => [1, x], log: false, params: (c) => [c[0], c[1]], formula: (p) => `y = ${g(p[0])} + ${g(p[1])}·x` },
  power: { ok: (x, y) => x.every((v) => v > 0) && y.every((v) => v > 0), basis: (x) => [1, Math.log(x)], log: true, params: (c) => [Math.exp(c[0]), c[1]], formula: (p) => `y = ${g(p[0])}·x^${g(p[1])}` },
  logarithmic: { ok: (x) => x.every((v) => v > 0), basis: (x) => [1, Math.log(x)], log: false, params: (c) => [c[0], c[1]], formula: (p) => `y = ${g(p[0])} + ${g(p[1])}·ln x` },
  exponential: { ok: (_x, y) => y.every((v) => v > 0), basis: (x) => [1, x], log: true, params: (c) => [Math.exp(c[0]), c[1]], formula: (p) => `y = ${g(p[0])}·e^(${g(p[1])}·x)` },
  quadratic: { ok: (x) => x.length >= 4, basis: (x) => [1, x, x * x], log: false, params: (c) => [c[0], c[1], c[2]], formula: (p) => `y = ${g(p[0])} + ${g(p[1])}·x + ${g(p[2])}·x²` },
};

function g(v: number): string {
  return String(+v.toPrecision(4));
}

function fitFamily(spec: Spec, x: readonly number[], y: readonly number[]): (v: number) => number {
  const fit = fitRidge(x.map(spec.basis), y.map((v) => (spec.log ? Math.log(v) : v)), 1e-9);
  return (v) => {
    const b = spec.basis(v);
    let s = 0;
    for (let i = 0; i < b.length; i++) s += fit.coef[i] * b[i];
    return spec.log ? Math.exp(s) : s;
  };
}

/**
 * Fits every single-variable family that suits the data (power and
 * exponential need y > 0; power and logarithmic need x > 0) and keeps the one
 * with the lowest leave-one-out (up to 20 points) or 10-fold mean absolute %
 * error.
 *
 * @example
 * ```ts
 * const m = fitSingleVariable([1, 2, 4, 8], [10, 5.1, 2.4, 1.3]); // family 'power'
 * m.predict(16); // ≈ 0.6
 * ```
 */
export function fitSingleVariable(x: readonly number[], y: readonly number[]): SingleVariableModel {
  if (x.length !== y.length) throw new ProfilingError('CORRAL_PROFILE_BAD_DATA', `single-variable fit: ${x.length} x values but ${y.length} y values`);
  const bad = x.findIndex((v, i) => !Number.isFinite(v) || !Number.isFinite(y[i]));
  if (bad >= 0) throw new ProfilingError('CORRAL_PROFILE_BAD_DATA', `single-variable fit: point ${bad + 1} is (${x[bad]}, ${y[bad]}); both must be finite`);
  if (x.length < 3) throw new ProfilingError('CORRAL_PROFILE_TOO_FEW_ROWS', `single-variable fit: ${x.length} point(s); need at least 3 to choose a family`);
  if (new Set(x).size < 2) throw new ProfilingError('CORRAL_PROFILE_BAD_DATA', `single-variable fit: x is constant (${x[0]}); nothing to fit`);
  const n = x.length;
  const k = Math.min(n, n <= 20 ? n : 10);
  const scores: Partial<Record<SingleVariableFamily, number>> = {};
  for (const family of SINGLE_VARIABLE_FAMILIES) {
    const spec = SPECS[family];
    if (!spec.ok(x, y)) continue;
    let sum = 0; let count = 0;
    for (let f = 0; f < k; f++) {
      const tr = x.flatMap((_, i) => (i % k === f ? [] : [i]));
      const te = x.flatMap((_, i) => (i % k === f ? [i] : []));
      if (new Set(tr.map((i) => x[i])).size < spec.basis(0).length) { sum = Number.POSITIVE_INFINITY; break; }
      const predict = fitFamily(spec, tr.map((i) => x[i]), tr.map((i) => y[i]));
      for (const i of te) { sum += Math.abs(predict(x[i]) - y[i]) / Math.max(Math.abs(y[i]), 1e-12); count += 1; }
    }
    const score = (sum / Math.max(1, count)) * 100;
    if (Number.isFinite(score)) scores[family] = score;
  }
  const best = (Object.entries(scores) as [SingleVariableFamily, number][]).sort((a, b) => a[1] - b[1])[0];
  if (!best) throw new ProfilingError('CORRAL_PROFILE_BAD_DATA', 'single-variable fit: no family could be fitted to these points');
  const spec = SPECS[best[0]];
  const fit = fitRidge(x.map(spec.basis), y.map((v) => (spec.log ? Math.log(v) : v)), 1e-9);
  const params = spec.params(fit.coef);
  return { family: best[0], params, formula: spec.formula(params), cvMapePct: best[1], scores, predict: fitFamily(spec, x, y) };
}
