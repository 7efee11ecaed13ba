// MNIST CNN (two 5x5 conv blocks; trains on the wasm backend through corral's
// Conv2DBackpropFilter kernel), 8 clients on process endpoints, Dirichlet(0.5), FedAvg,
// up to 20 rounds. The full run is long on a small machine: CORRAL_FL_CNN_MAX_EXAMPLES
// and CORRAL_FL_CNN_ROUNDS reduce it, and the result says so. Quick mode: 2,000 examples, 3 rounds.
import type { Benchmark, BenchmarkResult } from './benchmark.js';
import { centralised, dataSpecs, loadTestData, processEndpoints, runToTarget, warmUp, benchLog as log } from './federated-setup.js';

/** CNN accuracy within 20 rounds against the same CNN trained centrally in the same run. */
export const federatedMnistCnn: Benchmark = {
  suite: 'federated',
  name: 'mnist-cnn-dirichlet',
  async run({ quick }): Promise<BenchmarkResult> {
    const maxExamples = quick ? 2000 : Number(process.env.CORRAL_FL_CNN_MAX_EXAMPLES ?? 60_000);
    const rounds = quick ? 3 : Number(process.env.CORRAL_FL_CNN_ROUNDS ?? 20);
    const reduced = maxExamples < 60_000 || rounds < 20;
    const specs = dataSpecs('mnistCnn', 8, { kind: 'dirichlet', alpha: 0.5, minSize: Math.min(100, Math.floor(maxExamples / 40)), seed: 1 }, maxExamples);
    const test = await loadTestData(specs[0]);
    const training = { epochs: 1, batchSize: 32, learningRate: 0.05 };
    const endpoints = processEndpoints('fl-cnn', new Array(8).fill(1));
    try {
      await warmUp('mnistCnn', endpoints, specs, test);
      log(`federated MNIST CNN: 8 clients, ${maxExamples} training examples, up to ${rounds} rounds`);
      const run = await runToTarget({ task: 'mnistCnn', endpoints, specs, rounds, training, stopAt: 0.98, test, log });
      const central = await centralised('mnistCnn', specs, test, { ...training, epochs: 1 });
      log(`centralised CNN baseline (1 epoch): ${(central.accuracy * 100).toFixed(2)}%`);
      const best = Math.max(...run.accuracy);
      return {
        metrics: {
          trainingExamples: maxExamples, rounds: run.accuracy.length, reducedRun: reduced ? 'yes' : 'no', federatedAccuracyPct: best * 100,
          centralisedAccuracyPct: central.accuracy * 100, roundsTo98Pct: run.roundsToTarget ?? 'not reached', federatedWallS: run.result.wallSeconds,
        },
        ratio: best / central.accuracy, ratioMeaning: 'federated / centralised (1 epoch) test accuracy',
        target: '>= 98% test accuracy within 20 rounds (MNIST CNN, Dirichlet 0.5, 8 clients)',
        met: !quick && !reduced && best >= 0.98,
      };
    } finally {
      await Promise.all(endpoints.map((e) => e.close()));
    }
  },
};
