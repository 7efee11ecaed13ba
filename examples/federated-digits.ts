// Federated learning on the UCI digits (1,797 8x8 images) with corral: 4 clients on
// local process endpoints, data split Dirichlet(0.5) by label, FedAvg, durable rounds.
// Runs in seconds; CI runs it. `node --import tsx examples/federated-digits.ts`
// Environment: FL_ROUNDS (default 15), FL_STRATEGY (default fedavg).

// %% The client: a @federated method that trains where the data is.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { federated } from '../sdk/decorators/index.js';
import { LocalEndpoint } from '../sdk/endpoints/index.js';
import {
  federatedJob, fitClient, initialModelWeights, loadTestData, modelEvaluator, runFederated,
  type ClientConfig, type ClientDataSpec, type ClientUpdate, type EncodedWeights, type ModelSpec,
} from '../sdk/federated/index.js';

const MODEL: ModelSpec = { kind: 'mlp', inputShape: [64], hidden: [32], classes: 10, seed: 1 };

export class FederatedDigits {
  @federated({ strategy: 'fedavg', rounds: 15, minClients: 3, roundDeadlineS: 120, checkpoint: true })
  async train(weights: EncodedWeights, config: ClientConfig): Promise<ClientUpdate> {
    return fitClient(weights, config, MODEL);
  }
}

// Workers import this module to find the class: only the main process runs the notebook.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  // %% Endpoints: one process each (tfjs is single-threaded per process).
  const endpoints = [0, 1, 2, 3].map((i) => new LocalEndpoint({ name: `digits-${i}`, workers: 1, mode: 'process' }));
  const file = fileURLToPath(new URL('../__tests__/fixtures/fl/digits.csv.gz', import.meta.url));
  const spec = (index: number): ClientDataSpec => ({ dataset: 'digits', path: file, clients: 4, index, partition: { kind: 'dirichlet', alpha: 0.5, minSize: 30, seed: 1 }, seed: 1 });
  const data = Object.fromEntries(endpoints.map((e, i) => [e.name, spec(i)]));
  console.log(`4 clients, Dirichlet(0.5) split of ${file}`);

  // %% Run: every round is checkpointed in .corral/corral.db; rerunning resumes after the last finished round.
  mkdirSync('.corral', { recursive: true });
  const db = new Database('.corral/corral.db');
  db.pragma('journal_mode = WAL');
  const runId = `federated-digits-${Date.now()}`;
  const job = federatedJob(FederatedDigits, 'train', {
    endpoints, data, db, runId,
    rounds: Number(process.env.FL_ROUNDS ?? 15),
    strategy: process.env.FL_STRATEGY ?? 'fedavg',
    initialWeights: await initialModelWeights(MODEL),
    training: { epochs: 2, batchSize: 16, learningRate: 0.1 },
    evaluate: modelEvaluator(MODEL, await loadTestData(spec(0))),
    events: { emitEvent: (e) => { if (e.type === 'fl:round') console.log(`round ${String(e.round).padStart(2)}  accuracy ${(e.metrics.accuracy! * 100).toFixed(1)}%  loss ${e.metrics.loss!.toFixed(3)}  ${e.metrics.roundSeconds!.toFixed(2)} s  ${(e.metrics.bytesDown! + e.metrics.bytesUp!) / 1024 | 0} KiB moved`); } },
  });
  const result = await runFederated(job);

  // %% Summary
  const last = result.rounds[result.rounds.length - 1]!.metrics;
  console.log(`final test accuracy ${(last.accuracy! * 100).toFixed(1)}% after ${result.rounds.length} rounds in ${result.wallSeconds.toFixed(1)} s (run ${runId})`);
  await Promise.all(endpoints.map((e) => e.close()));
  db.close();
}
