import { fileURLToPath } from 'node:url';
import { decodeWeights, loadClientData, loadTestData, ClientDataError, type ClientConfig, type ClientDataSpec } from '../../sdk/federated/index.js';
import { fitClient, initialModelWeights, modelEvaluator, type ModelSpec } from '../../sdk/federated/training.js';

const file = fileURLToPath(new URL('../fixtures/fl/digits.csv.gz', import.meta.url));
const MODEL: ModelSpec = { kind: 'mlp', inputShape: [64], hidden: [32], classes: 10, seed: 3 };
const spec = (index: number, clients = 2): ClientDataSpec => ({ dataset: 'digits', path: file, clients, index, partition: { kind: 'iid', seed: 1 }, seed: 1 });
const config = (extra: Partial<ClientConfig> = {}): ClientConfig => ({
  round: 1, client: 'c0', endpoint: 'here', epochs: 1, batchSize: 16, learningRate: 0.1, compression: 'none', seed: 11, data: spec(0), ...extra,
});
const distance = (a: Float32Array, b: Float32Array) => Math.sqrt(a.reduce((s, v, i) => s + (v - b[i]!) ** 2, 0));

describe('client-side training on the wasm backend (digits)', () => {
  test('the same seed and config give bit-identical weights; another seed does not', async () => {
    const start = await initialModelWeights(MODEL);
    const a = decodeWeights((await fitClient(start.data, config(), MODEL)).weights);
    const b = decodeWeights((await fitClient(start.data, config(), MODEL)).weights);
    const c = decodeWeights((await fitClient(start.data, config({ seed: 12 }), MODEL)).weights);
    expect(Buffer.from(a.buffer).equals(Buffer.from(b.buffer))).toBe(true);
    expect(distance(a, c)).toBeGreaterThan(0);
  });

  test('training raises test accuracy; the update reports examples, samples and shapes', async () => {
    const start = await initialModelWeights(MODEL);
    const evaluate = modelEvaluator(MODEL, await loadTestData(spec(0)));
    const before = await evaluate(start.data);
    const update = await fitClient(start.data, config({ epochs: 5 }), MODEL);
    const after = await evaluate(decodeWeights(update.weights));
    expect(after.accuracy).toBeGreaterThan(0.8);
    expect(after.accuracy).toBeGreaterThan(before.accuracy + 0.5);
    const mine = await loadClientData(spec(0));
    expect(update.numExamples).toBe(mine.y.length);
    expect(update.metrics).toMatchObject({ samples: 5 * mine.y.length, examples: mine.y.length });
    expect(update.shapes).toEqual(start.shapes);
  });

  test('sampleCount trains on a sample; FedProx keeps the update near the global model', async () => {
    const start = await initialModelWeights(MODEL);
    const sampled = await fitClient(start.data, config({ sampleCount: 50 }), MODEL);
    expect(sampled.numExamples).toBe(50);
    expect(sampled.metrics!.samples).toBe(50);
    const free = decodeWeights((await fitClient(start.data, config({ epochs: 3 }), MODEL)).weights);
    const prox = decodeWeights((await fitClient(start.data, config({ epochs: 3, proximalMu: 5 }), MODEL)).weights);
    expect(distance(prox, start.data)).toBeLessThan(distance(free, start.data) * 0.8);
  });

  test('float16 updates cost half the bytes and stay within half precision of float32', async () => {
    const start = await initialModelWeights(MODEL);
    const full = decodeWeights((await fitClient(start.data, config(), MODEL)).weights);
    const half = await fitClient(start.data, config({ compression: 'float16' }), MODEL);
    expect((half.weights as { data: Uint16Array }).data.byteLength).toBe(full.byteLength / 2);
    const back = decodeWeights(half.weights);
    full.forEach((v, i) => expect(Math.abs(back[i]! - v)).toBeLessThanOrEqual(Math.abs(v) * 2 ** -11 + 2 ** -24));
  });

  test('a client without data, or with data the endpoint does not have, fails naming client and endpoint', async () => {
    const start = await initialModelWeights(MODEL);
    await expect(fitClient(start.data, config({ data: undefined, client: 'c9', endpoint: 'edge-9' }), MODEL)).rejects.toThrow(ClientDataError);
    await expect(fitClient(start.data, config({ data: undefined, client: 'c9', endpoint: 'edge-9' }), MODEL)).rejects.toThrow(/client c9 on endpoint edge-9: no data spec/);
    await expect(fitClient(start.data, config({ data: { dataset: 'digits', path: '/nowhere/digits.csv.gz' }, client: 'c9', endpoint: 'edge-9' }), MODEL))
      .rejects.toThrow(/client c9 on endpoint edge-9: cannot read digits data at \/nowhere\/digits.csv.gz/);
    await expect(fitClient(start.data, config({ data: { dataset: 'satellite' }, client: 'c9', endpoint: 'edge-9' }), MODEL)).rejects.toThrow(/unknown data set "satellite"; known: digits, mnist/);
  });
});
