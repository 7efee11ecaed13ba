// Federated MNIST with corral, as a notebook in cells (`// %%`), printing as it goes:
// 8 clients on local process endpoints of different speeds (the speeds are EMULATED by
// throttling: slow endpoints sleep in proportion to their compute), IID and Dirichlet(0.5)
// splits, FedAvg, per-endpoint tuning, and the round metrics corral records.
// `node --import tsx examples/federated-mnist.ts`; FL_REDUCED=1 for a CI-sized run
// (6,000 training examples, 3 rounds per experiment).

// %% The client method: MNIST stays on each endpoint; only weights travel, as binary float32.
import { fileURLToPath } from 'node:url';
import { federated } from '../sdk/decorators/index.js';
import { LocalEndpoint } from '../sdk/endpoints/index.js';
import {
  CapacityTuner, federatedJob, fitClient, initialModelWeights, loadTestData, modelEvaluator, runFederated,
  type ClientConfig, type ClientDataSpec, type ClientUpdate, type EncodedWeights, type ModelSpec, type PartitionSpec,
} from '../sdk/federated/index.js';

const MODEL: ModelSpec = { kind: 'mlp', inputShape: [28, 28, 1], hidden: [128], classes: 10, seed: 1 };

export class FederatedMnist {
  @federated({ strategy: 'fedavg', rounds: 20, minClients: 6, roundDeadlineS: 600 })
  async train(weights: EncodedWeights, config: ClientConfig): Promise<ClientUpdate> {
    return fitClient(weights, config, MODEL);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const reduced = process.env.FL_REDUCED === '1';
  const rounds = reduced ? 3 : 20;
  const maxExamples = reduced ? 6000 : undefined;

  // %% Endpoints: 8 processes; slowdowns 1x..4x are emulated (labelled corral.emulatedSlowdown).
  const slowdowns = [1, 1, 2, 2, 3, 3, 4, 4];
  const endpoints = slowdowns.map((s, i) => new LocalEndpoint({
    name: `mnist-${i}`, workers: 1, mode: 'process', labels: s > 1 ? { 'corral.emulatedSlowdown': String(s) } : {},
  }));
  console.log(`endpoints: ${endpoints.map((e, i) => `${e.name} (${slowdowns[i]}x, emulated)`).join(', ')}`);
  const specsFor = (partition: PartitionSpec) => Object.fromEntries(endpoints.map((e, index): [string, ClientDataSpec] => [e.name, { dataset: 'mnist', clients: 8, index, partition, maxExamples, seed: 1 }]));
  const test = await loadTestData({ dataset: 'mnist' });
  const initialWeights = await initialModelWeights(MODEL);

  // %% One experiment: a split, a tuner; prints each round as it finishes.
  const experiment = async (label: string, partition: PartitionSpec, tuner?: CapacityTuner) => {
    console.log(`\n${label}`);
    const job = federatedJob(FederatedMnist, 'train', {
      endpoints, data: specsFor(partition), rounds, tuner, initialWeights,
      training: { epochs: 1, batchSize: 32, learningRate: 0.1 },
      evaluate: modelEvaluator(MODEL, test),
      events: { emitEvent: (e) => {
        if (e.type !== 'fl:round') return;
        const m = e.metrics;
        console.log(`  round ${String(e.round).padStart(2)}  test accuracy ${(m.accuracy! * 100).toFixed(2)}%  round ${m.roundSeconds!.toFixed(1)} s  corral overhead ${(100 * m.overheadSeconds! / m.roundSeconds!).toFixed(1)}%  ${((m.bytesDown! + m.bytesUp!) / 2 ** 20).toFixed(1)} MiB moved`);
      } },
    });
    const result = await runFederated(job);
    const last = result.rounds[result.rounds.length - 1]!.metrics;
    console.log(`  -> ${(last.accuracy! * 100).toFixed(2)}% after ${result.rounds.length} rounds, ${result.wallSeconds.toFixed(0)} s`);
    return result;
  };

  // %% IID split, uniform local work.
  await experiment('IID, uniform settings', { kind: 'iid', seed: 1 });

  // %% Dirichlet(0.5) split (label skew), uniform local work.
  await experiment('Dirichlet(0.5), uniform settings', { kind: 'dirichlet', alpha: 0.5, minSize: reduced ? 20 : 100, seed: 1 });

  // %% Dirichlet(0.5) with per-endpoint tuning: fast endpoints train more, slow ones a sample.
  await experiment('Dirichlet(0.5), capacity-tuned settings', { kind: 'dirichlet', alpha: 0.5, minSize: reduced ? 20 : 100, seed: 1 }, new CapacityTuner({ maxEpochs: 4 }));

  await Promise.all(endpoints.map((e) => e.close()));
}
