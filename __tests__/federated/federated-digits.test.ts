import { fileURLToPath } from 'node:url';
import { LocalEndpoint } from '../../sdk/endpoints/index.js';
import { federatedJob, loadTestData, runFederated, type ClientDataSpec } from '../../sdk/federated/index.js';
import { initialModelWeights, modelEvaluator } from '../../sdk/federated/training.js';
import { DIGITS_MLP, DigitsClients } from '../fixtures/fl/digits-clients.js';

const file = fileURLToPath(new URL('../fixtures/fl/digits.csv.gz', import.meta.url));
const endpoints = [0, 1].map((i) => new LocalEndpoint({ name: `digits-proc-${i}`, workers: 1, mode: 'process' }));
afterAll(() => Promise.all(endpoints.map((e) => e.close())));

test('FedAvg over two process endpoints learns digits from Dirichlet(0.5)-split data that stays on each endpoint', async () => {
  const spec = (index: number): ClientDataSpec => ({ dataset: 'digits', path: file, clients: 2, index, partition: { kind: 'dirichlet', alpha: 0.5, minSize: 50, seed: 2 }, seed: 1 });
  const accuracy: number[] = [];
  const result = await runFederated(federatedJob(DigitsClients, 'train', {
    endpoints,
    data: { 'digits-proc-0': spec(0), 'digits-proc-1': spec(1) },
    rounds: 4,
    initialWeights: await initialModelWeights(DIGITS_MLP),
    training: { epochs: 2, batchSize: 16, learningRate: 0.1 },
    evaluate: modelEvaluator(DIGITS_MLP, await loadTestData(spec(0))),
    events: { emitEvent: (e) => { if (e.type === 'fl:round') accuracy.push(e.metrics.accuracy!); } },
  }));
  expect(result.rounds).toHaveLength(4);
  expect(accuracy).toHaveLength(4);
  expect(accuracy[3]).toBeGreaterThan(0.75);
  expect(accuracy[3]).toBeGreaterThan(accuracy[0]!);
  const m = result.rounds[3]!.metrics;
  // Weights travel as float32 binary both ways: 2 clients x (64*32 + 32 + 32*10 + 10) values x 4 bytes.
  expect(m.bytesDown).toBe(2 * 2410 * 4);
  expect(m.bytesUp).toBe(2 * 2410 * 4);
  expect(m.clientsAccepted).toBe(2);
}, 300_000);
