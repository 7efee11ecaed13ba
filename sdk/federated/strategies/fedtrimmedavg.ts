import { FedAvg } from './fedavg.js';
import { coordinateWise } from './fedmedian.js';
import type { FitResult } from './strategy.js';

/**
 * FedTrimmedAvg (Yin et al. 2018): per coordinate, drop the `beta` fraction of
 * largest and smallest values and average the rest.
 *
 * @example
 * ```ts
 * const strategy = new FedTrimmedAvg({ beta: 0.2 });
 * ```
 */
export class FedTrimmedAvg extends FedAvg {
  override readonly name: string = 'fedtrimmedavg';
  readonly beta: number;

  constructor(options: { beta?: number } = {}) {
    super();
    this.beta = options.beta ?? 0.2;
    if (!(this.beta >= 0 && this.beta < 0.5)) throw new RangeError(`FedTrimmedAvg beta must be in [0, 0.5); got ${this.beta}`);
  }

  override aggregate(_round: number, results: readonly FitResult[], _current: Float32Array): Float32Array {
    const cut = Math.floor(this.beta * results.length);
    return coordinateWise(results, (sorted) => {
      let sum = 0;
      for (let i = cut; i < sorted.length - cut; i++) sum += sorted[i]!;
      return sum / (sorted.length - 2 * cut);
    });
  }
}
