// MNIST MLP 784-128-10, 8 clients on local process endpoints, Dirichlet(0.5) split, FedAvgM
// (CORRAL_FL_MLP_STRATEGY) with 2 local epochs per round (CORRAL_FL_MLP_EPOCHS): test accuracy within 20 rounds against
// a centralised baseline trained in the same run, and corral's own overhead per round.
// Quick mode: digits, 4 clients.
import type { Benchmark, BenchmarkResult } from './benchmark.js';
import { centralised, dataSpecs, loadTestData, processEndpoints, runToTarget, warmUp, type BenchRun, type BenchTask, benchLog as log } from './federated-setup.js';

interface MlpOutcome { run: BenchRun; central: { accuracy: number; seconds: number }; quick: boolean }
let memo: Promise<MlpOutcome> | undefined;

/** Runs the MLP job once per process: both benchmarks below read it. */
function mlpOutcome(quick: boolean): Promise<MlpOutcome> {
  memo ??= (async () => {
    const task: BenchTask = quick ? 'digitsMlp' : 'mnistMlp';
    const clients = quick ? 4 : 8;
    const specs = dataSpecs(task, clients, { kind: 'dirichlet', alpha: 0.5, minSize: quick ? 30 : 100, seed: 1 });
    const test = await loadTestData(specs[0]);
    const training = { epochs: Number(process.env.CORRAL_FL_MLP_EPOCHS ?? 2), batchSize: 32, learningRate: 0.1 };
    const strategy = process.env.CORRAL_FL_MLP_STRATEGY ?? 'fedavgm';
    const endpoints = processEndpoints(quick ? 'fl-digits' : 'fl-mnist', new Array(clients).fill(1));
    try {
      await warmUp(task, endpoints, specs, test);
      log(`federated ${task}: ${clients} clients, Dirichlet(0.5), ${strategy}, ${training.epochs} local epoch(s), up to 20 rounds`);
      const run = await runToTarget({ task, endpoints, specs, rounds: 20, training, strategy, stopAt: quick ? undefined : 0.96, test, log });
      const central = await centralised(task, specs, test, { ...training, epochs: 3 });
      log(`centralised baseline (3 epochs): ${(central.accuracy * 100).toFixed(2)}% in ${central.seconds.toFixed(1)} s`);
      return { run, central, quick };
    } finally {
      await Promise.all(endpoints.map((e) => e.close()));
    }
  })();
  return memo;
}

/** Federated accuracy within 20 rounds against centralised training. */
export const federatedMnistMlp: Benchmark = {
  suite: 'federated',
  name: 'mnist-mlp-dirichlet',
  async run({ quick }): Promise<BenchmarkResult> {
    const { run, central } = await mlpOutcome(quick);
    const best = Math.max(...run.accuracy);
    const ratio = best / central.accuracy;
    return {
      metrics: {
        dataset: quick ? 'digits (quick)' : 'mnist', rounds: run.accuracy.length, federatedAccuracyPct: best * 100,
        centralisedAccuracyPct: central.accuracy * 100, roundsTo96Pct: run.roundsToTarget ?? 'not reached', federatedWallS: run.result.wallSeconds,
      },
      ratio, ratioMeaning: 'federated / centralised test accuracy',
      target: '>= 96% test accuracy and >= 0.985x centralised within 20 rounds (MNIST MLP, Dirichlet 0.5, 8 clients)',
      met: !quick && best >= 0.96 && ratio >= 0.985,
    };
  },
};

/** corral's own time per round (transport, serialisation, validation, aggregation, checkpoint) against the round time. */
export const federatedOverhead: Benchmark = {
  suite: 'federated',
  name: 'round-overhead',
  async run({ quick }): Promise<BenchmarkResult> {
    const { run } = await mlpOutcome(quick);
    const rounds = run.result.rounds;
    const overhead = rounds.reduce((s, r) => s + r.metrics.overheadSeconds! + (r.metrics.checkpointSeconds ?? 0), 0);
    const total = rounds.reduce((s, r) => s + r.metrics.roundSeconds! - (r.metrics.evaluateSeconds ?? 0), 0);
    const server = rounds.reduce((s, r) => s + r.metrics.serverSeconds!, 0);
    const share = overhead / total;
    return {
      metrics: { rounds: rounds.length, meanRoundS: total / rounds.length, meanOverheadS: overhead / rounds.length, meanServerComputeS: server / rounds.length, overheadPct: share * 100 },
      ratio: share, ratioMeaning: 'overhead / round time (lower is better)',
      target: "corral's overhead per round < 5% of round time (MNIST MLP)",
      met: !quick && share < 0.05,
    };
  },
};
