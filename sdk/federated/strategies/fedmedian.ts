import { FedAvg } from './fedavg.js';
import type { FitResult } from './strategy.js';

/**
 * FedMedian (Yin et al. 2018): the coordinate-wise median of the clients'
 * weights; robust to a minority of arbitrary (Byzantine) updates.
 *
 * @example
 * ```ts
 * const strategy = new FedMedian();
 * ```
 */
export class FedMedian extends FedAvg {
  override readonly name: string = 'fedmedian';

  override aggregate(_round: number, results: readonly FitResult[], _current: Float32Array): Float32Array {
    return coordinateWise(results, (sorted) => {
      const k = sorted.length;
      return k % 2 ? sorted[(k - 1) / 2]! : (sorted[k / 2 - 1]! + sorted[k / 2]!) / 2;
    });
  }
}

/**
 * Applies `reduce` to the sorted values of each coordinate across updates.
 *
 * @example
 * ```ts
 * const max = coordinateWise(results, (sorted) => sorted[sorted.length - 1]!);
 * ```
 */
export function coordinateWise(results: readonly FitResult[], reduce: (sorted: Float64Array) => number): Float32Array {
  const n = results[0]!.weights.length;
  const column = new Float64Array(results.length);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < results.length; c++) column[c] = results[c]!.weights[i]!;
    column.sort();
    out[i] = reduce(column);
  }
  return out;
}
