// Per-endpoint tuning against uniform settings on emulated heterogeneous endpoints:
// 8 local process endpoints whose training is throttled 1x..4x by sleeping (emulated
// heterogeneity, not different hardware). Both runs train the MNIST MLP on the same IID
// split; the figure is wall time until the global model first reaches 95% test accuracy.
// Quick mode: digits, 4 clients, 90%.
import { CapacityTuner, UniformTuner } from '../sdk/federated/index.js';
import type { Benchmark, BenchmarkResult } from './benchmark.js';
import { dataSpecs, loadTestData, processEndpoints, runToTarget, warmUp, type BenchTask, benchLog as log } from './federated-setup.js';

/** Tuned per-endpoint work against uniform work: wall seconds to the target accuracy. */
export const federatedTuner: Benchmark = {
  suite: 'federated',
  name: 'tuned-vs-uniform',
  async run({ quick }): Promise<BenchmarkResult> {
    const task: BenchTask = quick ? 'digitsMlp' : 'mnistMlp';
    const slowdowns = quick ? [1, 2, 3, 4] : [1, 1, 2, 2, 3, 3, 4, 4];
    const target = quick ? 0.9 : 0.95;
    const rounds = 30;
    const specs = dataSpecs(task, slowdowns.length, { kind: 'iid', seed: 1 }, quick ? undefined : 20_000);
    const test = await loadTestData(specs[0]);
    const training = { epochs: 1, batchSize: 32, learningRate: 0.1 };
    const endpoints = processEndpoints(quick ? 'fl-tune-digits' : 'fl-tune-mnist', slowdowns);
    try {
      await warmUp(task, endpoints, specs, test);
      log(`uniform settings, emulated slowdowns ${slowdowns.join(', ')}:`);
      const uniform = await runToTarget({ task, endpoints, specs, rounds, training, tuner: new UniformTuner(), stopAt: target, test, log });
      log('capacity-tuned settings:');
      const tuned = await runToTarget({ task, endpoints, specs, rounds, training, tuner: new CapacityTuner({ maxEpochs: 4 }), stopAt: target, test, log });
      const ratio = uniform.secondsToTarget && tuned.secondsToTarget ? tuned.secondsToTarget / uniform.secondsToTarget : undefined;
      return {
        metrics: {
          dataset: quick ? 'digits (quick)' : 'mnist (20,000 training examples, IID)', targetAccuracyPct: target * 100,
          emulatedSlowdowns: slowdowns.join('/'),
          uniformSecondsToTarget: uniform.secondsToTarget ?? 'not reached', uniformRoundsToTarget: uniform.roundsToTarget ?? 'not reached',
          tunedSecondsToTarget: tuned.secondsToTarget ?? 'not reached', tunedRoundsToTarget: tuned.roundsToTarget ?? 'not reached',
          uniformBestAccuracyPct: Math.max(...uniform.accuracy) * 100, tunedBestAccuracyPct: Math.max(...tuned.accuracy) * 100,
          uniformMeanRoundS: uniform.elapsed[uniform.elapsed.length - 1]! / uniform.elapsed.length,
          tunedMeanRoundS: tuned.elapsed[tuned.elapsed.length - 1]! / tuned.elapsed.length,
        },
        ratio, ratioMeaning: 'tuned / uniform wall seconds to the target accuracy (lower is better)',
        target: 'tuned per-endpoint settings reach 95% accuracy in <= 0.7x the wall time of uniform settings (speeds 4x apart, emulated)',
        met: !quick && ratio !== undefined && ratio <= 0.7,
      };
    } finally {
      await Promise.all(endpoints.map((e) => e.close()));
    }
  },
};
