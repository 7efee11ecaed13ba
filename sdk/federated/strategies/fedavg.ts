import type { ClientConfig, ClientInfo, FitResult, Strategy, TrainingDefaults } from './strategy.js';

/**
 * Federated averaging (McMahan et al. 2017): the mean of the clients' weights,
 * weighted by their number of examples. The base of the other strategies.
 *
 * @example
 * ```ts
 * const strategy = new FedAvg();
 * ```
 */
export class FedAvg implements Strategy {
  readonly name: string = 'fedavg';

  configure(round: number, clients: readonly ClientInfo[], defaults: TrainingDefaults): ClientConfig[] {
    return clients.map((c, i) => ({
      round, client: c.id, epochs: defaults.epochs, batchSize: defaults.batchSize, sampleCount: defaults.sampleCount,
      learningRate: defaults.learningRate, compression: 'none', seed: round * 1009 + i,
    }));
  }

  aggregate(_round: number, results: readonly FitResult[], _current: Float32Array): Float32Array {
    return weightedAverage(results);
  }
}

/**
 * Example-weighted mean of the updates' weights.
 *
 * @example
 * ```ts
 * const mean = weightedAverage(results);
 * ```
 */
export function weightedAverage(results: readonly FitResult[]): Float32Array {
  const n = results[0]!.weights.length;
  const acc = new Float64Array(n);
  let total = 0;
  for (const r of results) {
    const w = Math.max(r.numExamples, 0);
    total += w;
    for (let i = 0; i < n; i++) acc[i]! += w * r.weights[i]!;
  }
  if (total === 0) {
    // All clients reported zero examples: fall back to an unweighted mean rather than dividing by zero.
    acc.fill(0);
    for (const r of results) for (let i = 0; i < n; i++) acc[i]! += r.weights[i]!;
    total = results.length;
  }
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = acc[i]! / total;
  return out;
}
