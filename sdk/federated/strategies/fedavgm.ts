import { FedAvg, weightedAverage } from './fedavg.js';
import type { FitResult, StrategyState } from './strategy.js';

/**
 * FedAvgM (Hsu et al. 2019): FedAvg with server momentum on the pseudo-gradient,
 * which damps the oscillation non-IID clients cause.
 *
 * @example
 * ```ts
 * const strategy = new FedAvgM({ serverLearningRate: 1, momentum: 0.9 });
 * ```
 */
export class FedAvgM extends FedAvg {
  override readonly name: string = 'fedavgm';
  readonly serverLearningRate: number;
  readonly momentum: number;
  private velocity?: Float64Array;

  constructor(options: { serverLearningRate?: number; momentum?: number } = {}) {
    super();
    this.serverLearningRate = options.serverLearningRate ?? 1;
    this.momentum = options.momentum ?? 0.9;
  }

  override aggregate(_round: number, results: readonly FitResult[], current: Float32Array): Float32Array {
    const mean = weightedAverage(results);
    const v = (this.velocity ??= new Float64Array(current.length));
    const out = new Float32Array(current.length);
    for (let i = 0; i < current.length; i++) {
      v[i] = this.momentum * v[i]! + (mean[i]! - current[i]!);
      out[i] = current[i]! + this.serverLearningRate * v[i]!;
    }
    return out;
  }

  saveState(): StrategyState | undefined {
    return this.velocity && { velocity: Float64Array.from(this.velocity) };
  }

  loadState(state: StrategyState): void {
    // Copy element-wise: a restored array may come from another realm (v8 deserialize, workers).
    this.velocity = Float64Array.from(state.velocity as ArrayLike<number>);
  }
}
