import {
  createStrategy, FedAdagrad, FedAdam, FedAvg, FedAvgM, FedMedian, FedProx, FedTrimmedAvg, FedYogi, Krum,
  FederatedConfigError, type FitResult,
} from '../../sdk/federated/index.js';

const fit = (id: string, weights: number[], numExamples = 1): FitResult => ({
  client: { id, endpoint: `ep-${id}` }, weights: Float32Array.from(weights), numExamples, metrics: {},
});
const defaults = { epochs: 2, batchSize: 16, learningRate: 0.05 };

describe('strategies', () => {
  test('FedAvg weights each client by its examples', () => {
    const out = new FedAvg().aggregate(1, [fit('a', [0, 10], 1), fit('b', [4, 2], 3)], new Float32Array(2));
    expect(Array.from(out)).toEqual([3, 4]);
  });

  test('FedAvg configures every client with the defaults and a distinct seed', () => {
    const configs = new FedAvg().configure(4, [{ id: 'a', endpoint: 'x' }, { id: 'b', endpoint: 'y' }], defaults);
    expect(configs.map((c) => [c.client, c.round, c.epochs, c.batchSize, c.learningRate])).toEqual([['a', 4, 2, 16, 0.05], ['b', 4, 2, 16, 0.05]]);
    expect(new Set(configs.map((c) => c.seed)).size).toBe(2);
    expect(configs[0]!.proximalMu).toBeUndefined();
  });

  test('FedProx asks clients for the proximal term and averages like FedAvg', () => {
    const s = new FedProx({ proximalMu: 0.1 });
    expect(s.configure(1, [{ id: 'a', endpoint: 'x' }], defaults)[0]!.proximalMu).toBe(0.1);
    expect(Array.from(s.aggregate(1, [fit('a', [2]), fit('b', [4])], new Float32Array(1)))).toEqual([3]);
  });

  test('FedMedian and FedTrimmedAvg ignore one wild client; FedAvg does not', () => {
    const results = [fit('a', [1, -1]), fit('b', [1.2, -1.2]), fit('c', [0.8, -0.8]), fit('d', [1.1, -0.9]), fit('evil', [1000, 1000])];
    const current = new Float32Array(2);
    const median = new FedMedian().aggregate(1, results, current);
    expect(median[0]).toBeCloseTo(1.1, 5);
    expect(median[1]).toBeCloseTo(-0.9, 5);
    const trimmed = new FedTrimmedAvg({ beta: 0.2 }).aggregate(1, results, current);
    expect(trimmed[0]).toBeCloseTo((1 + 1.2 + 1.1) / 3, 5);
    expect(trimmed[1]).toBeCloseTo((-1 - 0.8 - 0.9) / 3, 5);
    expect(new FedAvg().aggregate(1, results, current)[0]).toBeGreaterThan(100);
    expect(() => new FedTrimmedAvg({ beta: 0.5 })).toThrow(/beta must be in \[0, 0.5\)/);
  });

  test('Krum ranks the outlier last and multi-Krum averages the most central updates', () => {
    const results = [fit('a', [1, 1]), fit('b', [1.1, 0.9]), fit('c', [0.9, 1.1]), fit('d', [1, 1.05]), fit('evil', [-50, 60])];
    const krum = new Krum({ byzantine: 1, keep: 1 });
    const order = krum.rank(results);
    expect(order[order.length - 1]).toBe(4);
    expect(order[0]).toBe(3);
    expect(Array.from(krum.aggregate(1, results, new Float32Array(2)))).toEqual(Array.from(results[3]!.weights));
    const multi = new Krum({ byzantine: 1, keep: 4 }).aggregate(1, results, new Float32Array(2));
    expect(multi[0]).toBeCloseTo(1, 5);
    expect(multi[1]).toBeCloseTo(1.0125, 5);
  });

  test.each([
    ['FedAdam', () => new FedAdam({ eta: 0.1 })],
    ['FedYogi', () => new FedYogi({ eta: 0.1 })],
    ['FedAdagrad', () => new FedAdagrad({ eta: 0.5 })],
    ['FedAvgM', () => new FedAvgM({ serverLearningRate: 0.5, momentum: 0.9 })],
  ])('%s moves the global model towards the clients and keeps state across rounds', (_name, make) => {
    const s = make();
    let current: Float32Array = Float32Array.from([0, 0]);
    const target = [1, -2];
    const distances: number[] = [];
    for (let round = 1; round <= 30; round++) {
      current = s.aggregate(round, [fit('a', target), fit('b', target)], current);
      distances.push(Math.hypot(current[0]! - target[0]!, current[1]! - target[1]!));
    }
    expect(distances[0]).toBeLessThan(Math.hypot(1, 2));
    expect(distances[29]).toBeLessThan(distances[0]! * 0.5);
    // A fresh instance repeats the first step exactly: the state lives in the instance.
    const first = make().aggregate(1, [fit('a', target), fit('b', target)], Float32Array.from([0, 0]));
    expect(Math.hypot(first[0]! - 1, first[1]! + 2)).toBeCloseTo(distances[0]!, 6);
  });

  test('FedAdam and FedYogi differ: the second-moment rules are not the same', () => {
    const run = (s: FedAdam | FedYogi) => {
      let w: Float32Array = Float32Array.from([0]);
      for (let r = 1; r <= 5; r++) w = s.aggregate(r, [fit('a', [r % 2 ? 1 : -0.5])], w);
      return w[0]!;
    };
    expect(run(new FedAdam({ eta: 0.1 }))).not.toBeCloseTo(run(new FedYogi({ eta: 0.1 })), 6);
  });

  test('createStrategy knows every built-in name and names the choices for an unknown one', () => {
    for (const name of ['fedavg', 'FedProx', 'fedadam', 'fedyogi', 'fedadagrad', 'fedavgm', 'fedmedian', 'fedtrimmedavg', 'krum']) {
      expect(createStrategy(name).name).toBe(name.toLowerCase());
    }
    expect(createStrategy('fedadam')).not.toBe(createStrategy('fedadam'));
    expect(() => createStrategy('fedx')).toThrow(FederatedConfigError);
    expect(() => createStrategy('fedx')).toThrow(/unknown strategy "fedx": use one of fedavg, fedprox/);
  });
});
