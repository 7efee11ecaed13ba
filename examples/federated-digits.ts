// Federated learning on the UCI digits (1,797 8x8 images) with corral: 4 clients on
// local process endpoints (examples/endpoints.federated-digits.yaml, where each endpoint's
// `data:` says which Dirichlet(0.5) part of the digits it holds), FedAvg, durable rounds,
// and the run report. Runs in seconds; CI runs it. `node --import tsx examples/federated-digits.ts`
// Environment: FL_ROUNDS (default 15), FL_STRATEGY (default fedavg), FL_RUN_ID (resume that
// run after its last finished round), CORRAL_JOURNAL (default .corral/corral.db).

// %% The client: a @federated method that trains where the data is.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Corral, federated, reportDataFromJournal, renderReport } from '../sdk/index.js';
import { loadTestData, type ClientConfig, type EncodedWeights } from '../sdk/federated/index.js';
import { fitClient, initialModelWeights, modelEvaluator, type ClientUpdate, type ModelSpec } from '../sdk/federated/training.js';

const MODEL: ModelSpec = { kind: 'mlp', inputShape: [64], hidden: [32], classes: 10, seed: 1 };

export class FederatedDigits {
  @federated({ strategy: 'fedavg', rounds: 15, minClients: 3, roundDeadlineS: 120, checkpoint: true })
  async train(weights: EncodedWeights, config: ClientConfig): Promise<ClientUpdate> {
    return fitClient(weights, config, MODEL);
  }
}

// Workers import this module to find the class: only the main process runs the notebook.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  // %% The session: endpoints and their data specs from the yaml, the journal for rounds and the report.
  const here = dirname(fileURLToPath(import.meta.url));
  const corral = await Corral.open({ endpoints: join(here, 'endpoints.federated-digits.yaml') });
  const data = corral.endpointData;
  console.log(`4 clients: ${Object.entries(data).map(([name, spec]) => `${name} (part ${(spec as { index: number }).index} of a Dirichlet(0.5) split)`).join(', ')}`);
  corral.events.on('fl:round', (e) => console.log(`round ${String(e.round).padStart(2)}  accuracy ${(e.metrics.accuracy! * 100).toFixed(1)}%  loss ${e.metrics.loss!.toFixed(3)}  ${e.metrics.roundSeconds!.toFixed(2)} s  ${(e.metrics.bytesDown! + e.metrics.bytesUp!) / 1024 | 0} KiB moved`));

  // %% Run: every round is checkpointed in the journal; FL_RUN_ID=<run id> resumes after the last finished round.
  try {
    const result = await corral.federate(FederatedDigits, 'train', {
      rounds: Number(process.env.FL_ROUNDS ?? 15),
      strategy: process.env.FL_STRATEGY ?? 'fedavg',
      initialWeights: await initialModelWeights(MODEL),
      training: { epochs: 2, batchSize: 16, learningRate: 0.1 },
      // Server-side test accuracy on the digits' held-out split (the same file and seed as the clients').
      evaluate: modelEvaluator(MODEL, await loadTestData(data['digits-0'])),
      runId: process.env.FL_RUN_ID,
    });

    // %% Summary and the run report (accuracy and loss per round, seconds per client).
    const last = result.rounds[result.rounds.length - 1]!.metrics;
    console.log(`final test accuracy ${(last.accuracy! * 100).toFixed(1)}% after ${result.rounds.length} rounds in ${result.wallSeconds.toFixed(1)} s (run ${result.runId}${result.resumedAfter ? `, resumed after round ${result.resumedAfter}` : ''})`);
    const reportFile = join(here, '..', 'reports', 'federated-digits.html');
    mkdirSync(dirname(reportFile), { recursive: true });
    writeFileSync(reportFile, await renderReport(reportDataFromJournal(corral.journal, result.runId)));
    console.log(`report: ${reportFile}`);
  } finally {
    await corral.close();
  }
}
