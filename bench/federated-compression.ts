// Accuracy cost of compressing weights on the wire (float16, 8-bit quantisation) against
// float32, same job otherwise: digits MLP, 4 process endpoints, Dirichlet(0.5), 15 rounds.
import type { WeightCompression } from '../sdk/federated/index.js';
import type { Benchmark, BenchmarkResult } from './benchmark.js';
import { dataSpecs, loadTestData, processEndpoints, runToTarget, warmUp } from './federated-setup.js';

/** Final test accuracy and bytes moved per compression. */
export const federatedCompression: Benchmark = {
  suite: 'federated',
  name: 'compression-accuracy-cost',
  async run({ quick }): Promise<BenchmarkResult> {
    const specs = dataSpecs('digitsMlp', 4, { kind: 'dirichlet', alpha: 0.5, minSize: 30, seed: 1 });
    const test = await loadTestData(specs[0]);
    const endpoints = processEndpoints('fl-compress', [1, 1, 1, 1]);
    const rounds = quick ? 8 : 15;
    const metrics: Record<string, number | string> = { dataset: 'digits', rounds };
    const accuracy: Partial<Record<WeightCompression, number>> = {};
    try {
      await warmUp('digitsMlp', endpoints, specs, test);
      for (const compression of ['none', 'float16', 'int8'] as const) {
        const run = await runToTarget({ task: 'digitsMlp', endpoints, specs, rounds, training: { epochs: 2, batchSize: 16, learningRate: 0.1 }, compression, test });
        accuracy[compression] = run.accuracy[run.accuracy.length - 1]!;
        metrics[`${compression}AccuracyPct`] = accuracy[compression]! * 100;
        metrics[`${compression}BytesPerRound`] = run.result.rounds.reduce((s, r) => s + r.metrics.bytesDown! + r.metrics.bytesUp!, 0) / run.result.rounds.length;
      }
    } finally {
      await Promise.all(endpoints.map((e) => e.close()));
    }
    const worst = Math.min(accuracy.float16!, accuracy.int8!);
    return {
      metrics,
      ratio: worst / accuracy.none!, ratioMeaning: 'worst compressed / float32 final test accuracy',
      target: 'compression costs at most 1 accuracy point (float16 and int8 vs float32)',
      met: accuracy.none! - worst <= 0.01,
    };
  },
};
