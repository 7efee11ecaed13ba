// Federated MNIST with corral, as a notebook in cells (`// %%`), printing as it goes:
// 8 clients on local process endpoints of different speeds (examples/endpoints.federated-mnist.yaml;
// the speeds are EMULATED by throttling: slow endpoints sleep in proportion to their compute),
// IID and Dirichlet(0.5) splits, FedAvg, per-endpoint tuning, the round metrics corral records,
// and the run report of the last experiment. `node --import tsx examples/federated-mnist.ts`.
// FL_REDUCED=1 for a CI-sized run (6,000 training examples, 3 rounds per experiment);
// FL_ROUNDS and FL_MAX_EXAMPLES override either mode; CORRAL_JOURNAL as for every session.

// %% The client method: MNIST stays on each endpoint; only weights travel, as binary float32.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Corral, federated, reportDataFromJournal, renderReport } from '../sdk/index.js';
import { CapacityTuner, loadTestData, type ClientConfig, type ClientDataSpec, type EncodedWeights, type PartitionSpec } from '../sdk/federated/index.js';
import { fitClient, initialModelWeights, modelEvaluator, type ClientUpdate, type ModelSpec } from '../sdk/federated/training.js';

const MODEL: ModelSpec = { kind: 'mlp', inputShape: [28, 28, 1], hidden: [128], classes: 10, seed: 1 };

export class FederatedMnist {
  @federated({ strategy: 'fedavg', rounds: 20, minClients: 6, roundDeadlineS: 600 })
  async train(weights: EncodedWeights, config: ClientConfig): Promise<ClientUpdate> {
    return fitClient(weights, config, MODEL);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const reduced = process.env.FL_REDUCED === '1';
  const rounds = Number(process.env.FL_ROUNDS ?? (reduced ? 3 : 20));
  const maxExamples = process.env.FL_MAX_EXAMPLES ? Number(process.env.FL_MAX_EXAMPLES) : reduced ? 6000 : undefined;

  // %% The session: 8 process endpoints; slowdowns 1x..4x are emulated (labelled corral.emulatedSlowdown).
  const here = dirname(fileURLToPath(import.meta.url));
  const corral = await Corral.open({ endpoints: join(here, 'endpoints.federated-mnist.yaml') });
  console.log(`endpoints: ${corral.endpoints.map((e) => `${e.name} (${e.describe().labels?.['corral.emulatedSlowdown'] ?? 1}x, emulated)`).join(', ')}`);
  corral.events.on('fl:round', (e) => {
    const m = e.metrics;
    console.log(`  round ${String(e.round).padStart(2)}  test accuracy ${(m.accuracy! * 100).toFixed(2)}%  round ${m.roundSeconds!.toFixed(1)} s  corral overhead ${(100 * m.overheadSeconds! / m.roundSeconds!).toFixed(1)}%  ${((m.bytesDown! + m.bytesUp!) / 2 ** 20).toFixed(1)} MiB moved`);
  });
  // Each endpoint's spec from the yaml, with this experiment's split (and the reduced size).
  const specsFor = (partition: PartitionSpec) => Object.fromEntries(Object.entries(corral.endpointData).map(([name, spec]): [string, ClientDataSpec] => [name, { ...(spec as ClientDataSpec), partition, ...(maxExamples ? { maxExamples } : {}) }]));
  const test = await loadTestData({ dataset: 'mnist' });
  const initialWeights = await initialModelWeights(MODEL);

  // %% One experiment = one corral run: a split, a tuner; prints each round as it finishes.
  const experiment = async (label: string, partition: PartitionSpec, tuner?: CapacityTuner) => {
    console.log(`\n${label}`);
    const result = await corral.federate(FederatedMnist, 'train', {
      data: specsFor(partition), rounds, tuner, initialWeights,
      training: { epochs: 1, batchSize: 32, learningRate: 0.1 },
      evaluate: modelEvaluator(MODEL, test),
    });
    const last = result.rounds[result.rounds.length - 1]!.metrics;
    console.log(`  -> ${(last.accuracy! * 100).toFixed(2)}% after ${result.rounds.length} rounds, ${result.wallSeconds.toFixed(0)} s (run ${result.runId})`);
    return result;
  };

  try {
    // %% IID split, uniform local work.
    await experiment('IID, uniform settings', { kind: 'iid', seed: 1 });

    // %% Dirichlet(0.5) split (label skew), uniform local work.
    await experiment('Dirichlet(0.5), uniform settings', { kind: 'dirichlet', alpha: 0.5, minSize: reduced ? 20 : 100, seed: 1 });

    // %% Dirichlet(0.5) with per-endpoint tuning: fast endpoints train more, slow ones a sample.
    const tuned = await experiment('Dirichlet(0.5), capacity-tuned settings', { kind: 'dirichlet', alpha: 0.5, minSize: reduced ? 20 : 100, seed: 1 }, new CapacityTuner({ maxEpochs: 4 }));

    // %% The run report of the tuned run (`corral report RUN_ID` gives any of the three).
    const reportFile = join(here, '..', 'reports', 'federated-mnist.html');
    mkdirSync(dirname(reportFile), { recursive: true });
    writeFileSync(reportFile, await renderReport(reportDataFromJournal(corral.journal, tuned.runId)));
    console.log(`\nreport: ${reportFile}`);
  } finally {
    await corral.close();
  }
}
