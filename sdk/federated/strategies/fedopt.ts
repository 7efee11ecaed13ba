import { FedAvg, weightedAverage } from './fedavg.js';
import type { FitResult, StrategyState } from './strategy.js';

/**
 * Server-optimiser settings of FedAdam, FedYogi and FedAdagrad (Reddi et al. 2021).
 *
 * @example
 * ```ts
 * const options: FedOptOptions = { eta: 0.01, beta1: 0.9, beta2: 0.99, tau: 1e-3 };
 * ```
 */
export interface FedOptOptions {
  /** Server learning rate. */
  readonly eta?: number;
  readonly beta1?: number;
  readonly beta2?: number;
  /** Adaptivity: keeps the step finite where the second moment is ~0. */
  readonly tau?: number;
}

type Rule = 'adam' | 'yogi' | 'adagrad';

/**
 * Adaptive federated optimisation: the weighted mean of client weights minus
 * the global weights is a pseudo-gradient fed to a server-side optimiser.
 */
abstract class FedOpt extends FedAvg {
  private m?: Float64Array;
  private v?: Float64Array;
  /** Aggregations done so far (the optimiser's step count). */
  private t = 0;
  readonly eta: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly tau: number;

  constructor(private readonly rule: Rule, options: FedOptOptions) {
    super();
    this.eta = options.eta ?? 0.01;
    this.beta1 = options.beta1 ?? 0.9;
    this.beta2 = options.beta2 ?? 0.99;
    this.tau = options.tau ?? 1e-3;
  }

  override aggregate(_round: number, results: readonly FitResult[], current: Float32Array): Float32Array {
    const mean = weightedAverage(results);
    const n = current.length;
    this.m ??= new Float64Array(n);
    this.v ??= new Float64Array(n).fill(this.rule === 'adagrad' ? 0 : this.tau * this.tau);
    const { m, v } = this;
    this.t++;
    const out = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      const delta = mean[i]! - current[i]!;
      const d2 = delta * delta;
      m[i] = this.beta1 * m[i]! + (1 - this.beta1) * delta;
      if (this.rule === 'adam') v[i] = this.beta2 * v[i]! + (1 - this.beta2) * d2;
      else if (this.rule === 'yogi') v[i] = v[i]! - (1 - this.beta2) * d2 * Math.sign(v[i]! - d2);
      else v[i] = v[i]! + d2;
      out[i] = current[i]! + (this.eta * m[i]!) / (Math.sqrt(v[i]!) + this.tau);
    }
    return out;
  }

  saveState(): StrategyState | undefined {
    if (!this.m || !this.v) return undefined;
    return { m: Float64Array.from(this.m), v: Float64Array.from(this.v), t: this.t };
  }

  loadState(state: StrategyState): void {
    // Copy element-wise: a restored array may come from another realm (v8 deserialize, workers).
    this.m = Float64Array.from(state.m as ArrayLike<number>);
    this.v = Float64Array.from(state.v as ArrayLike<number>);
    this.t = typeof state.t === 'number' ? state.t : 0;
  }
}

/**
 * FedAdam: Adam on the server's pseudo-gradient.
 *
 * @example
 * ```ts
 * const strategy = new FedAdam({ eta: 0.01 });
 * ```
 */
export class FedAdam extends FedOpt {
  override readonly name: string = 'fedadam';
  constructor(options: FedOptOptions = {}) { super('adam', options); }
}

/**
 * FedYogi: Yogi's additive second-moment update, more stable than Adam's when updates are sparse.
 *
 * @example
 * ```ts
 * const strategy = new FedYogi({ eta: 0.01 });
 * ```
 */
export class FedYogi extends FedOpt {
  override readonly name: string = 'fedyogi';
  constructor(options: FedOptOptions = {}) { super('yogi', options); }
}

/**
 * FedAdagrad: Adagrad's accumulated second moment on the server.
 *
 * @example
 * ```ts
 * const strategy = new FedAdagrad({ eta: 0.05 });
 * ```
 */
export class FedAdagrad extends FedOpt {
  override readonly name: string = 'fedadagrad';
  // Adagrad has no first-moment average: beta1 defaults to 0, as in Flower.
  constructor(options: FedOptOptions = {}) { super('adagrad', { beta1: 0, ...options }); }
}
