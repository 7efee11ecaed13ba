import { FedAvg, weightedAverage } from './fedavg.js';
import type { FitResult } from './strategy.js';

/**
 * Krum and multi-Krum (Blanchard et al. 2017): score each update by the sum of
 * squared distances to its n − f − 2 nearest others and keep the `keep`
 * lowest-scoring (averaged when more than one); tolerates f Byzantine clients.
 *
 * @example
 * ```ts
 * const strategy = new Krum({ byzantine: 1, keep: 3 });
 * ```
 */
export class Krum extends FedAvg {
  override readonly name: string = 'krum';
  readonly byzantine: number;
  readonly keep: number;

  constructor(options: { byzantine?: number; keep?: number } = {}) {
    super();
    this.byzantine = options.byzantine ?? 0;
    this.keep = options.keep ?? 1;
  }

  override aggregate(_round: number, results: readonly FitResult[], _current: Float32Array): Float32Array {
    return weightedAverage(this.rank(results).slice(0, Math.min(this.keep, results.length)).map((i) => results[i]!));
  }

  /** Indices of the updates, lowest Krum score (most central) first. */
  rank(results: readonly FitResult[]): number[] {
    const k = results.length;
    const distances = results.map(() => new Float64Array(k));
    for (let a = 0; a < k; a++) {
      for (let b = a + 1; b < k; b++) {
        let d = 0;
        const wa = results[a]!.weights;
        const wb = results[b]!.weights;
        for (let i = 0; i < wa.length; i++) d += (wa[i]! - wb[i]!) ** 2;
        distances[a]![b] = d;
        distances[b]![a] = d;
      }
    }
    const neighbours = Math.max(1, k - this.byzantine - 2);
    const scores = distances.map((row, a) => [...row].filter((_, b) => b !== a).sort((x, y) => x - y).slice(0, neighbours).reduce((s, d) => s + d, 0));
    return scores.map((s, i) => [s, i] as const).sort((x, y) => x[0] - y[0] || x[1] - y[1]).map(([, i]) => i);
  }
}
