import { Basis, describeColumns, type FeatureRow } from '../models/feature-basis.js';
import { defaultTerms } from '../models/composite-model.js';
import type { DesignSettings } from './design-settings.js';

/** Standardised inputs are clipped to ±CLIP. */
const CLIP = 3;
/** Prior variance of the unknown level (log seconds): large, the data set it. */
const CONSTANT = 4;

/**
 * The candidate pool in the design model's input space: the composite
 * model's default basis (log of positive numeric features, levels of
 * categoricals), standardised over the pool, whose features are known before
 * any experiment runs.
 *
 * @example
 * ```ts
 * const space = new DesignSpace(pool, ['vcpus', 'coremark']);
 * space.kernel(space.X[0], space.X[1], DEFAULT_DESIGN_SETTINGS);
 * ```
 */
export class DesignSpace {
  readonly X: Float64Array[];
  private readonly basis: Basis;

  constructor(readonly pool: readonly FeatureRow[], readonly features: readonly string[]) {
    const columns = describeColumns(pool, features);
    this.basis = Basis.fit(pool, columns, defaultTerms(columns));
    this.X = pool.map((r) => this.encode(r));
  }

  /** A row in the design space (clipped, so a rare extreme such as a GPU count cannot dominate the kernel). */
  encode(row: FeatureRow): Float64Array {
    return this.basis.encode(row).subarray(1).map((z) => Math.max(-CLIP, Math.min(CLIP, z)));
  }

  /** Prior covariance of log seconds at two inputs: level + power law + local departure. */
  kernel(a: Float64Array, b: Float64Array, s: DesignSettings): number {
    let d2 = 0; let dot = 0;
    for (let i = 0; i < a.length; i++) { const d = a[i] - b[i]; d2 += d * d; dot += a[i] * b[i]; }
    const p = Math.max(1, a.length);
    return CONSTANT + (s.linear * dot) / p + s.local * Math.exp(-d2 / (2 * s.lengthScale2 * p));
  }

  /** The pool's prior covariance matrix, row-major N×N. */
  priorCovariance(s: DesignSettings): Float64Array {
    const N = this.X.length;
    const K = new Float64Array(N * N);
    for (let i = 0; i < N; i++) {
      for (let j = i; j < N; j++) {
        const v = this.kernel(this.X[i], this.X[j], s);
        K[i * N + j] = v;
        K[j * N + i] = v;
      }
    }
    return K;
  }
}
