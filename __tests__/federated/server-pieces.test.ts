import {
  ClientSpeeds, CapacityTuner, FedAvg, NonFiniteWeightsError, selectClients, TooFewClientsError, UniformTuner, validateUpdate, WeightShapeError,
  type ClientInfo,
} from '../../sdk/federated/index.js';

const shapes = [[2, 2], [2]];
const where = { round: 3, client: 'pi-2', endpoint: 'edge-pi' };

describe('update validation', () => {
  test('accepts finite weights of the model shape', () => {
    expect(() => validateUpdate(new Float32Array(6), [[2, 2], [2]], shapes, where)).not.toThrow();
    expect(() => validateUpdate(new Float32Array(6), undefined, shapes, where)).not.toThrow();
  });

  test('rejects a wrong length, naming client, endpoint, round and both sizes', () => {
    expect(() => validateUpdate(new Float32Array(5), undefined, shapes, where)).toThrow(WeightShapeError);
    expect(() => validateUpdate(new Float32Array(5), undefined, shapes, where))
      .toThrow('client pi-2 on endpoint edge-pi, round 3: returned 5 values; the global model has 6 values in shapes [[2, 2], [2]]');
  });

  test('rejects shapes that differ even when the length matches', () => {
    expect(() => validateUpdate(new Float32Array(6), [[4], [2]], shapes, where)).toThrow(/returned weights of shapes \[\[4\], \[2\]\]; the global model has \[\[2, 2\], \[2\]\]/);
  });

  test('rejects NaN and infinities, naming the tensor and element', () => {
    const w = new Float32Array(6);
    w[5] = NaN;
    let error: unknown;
    try { validateUpdate(w, undefined, shapes, where); } catch (e) { error = e; }
    expect(error).toBeInstanceOf(NonFiniteWeightsError);
    expect((error as NonFiniteWeightsError).code).toBe('CORRAL_FL_NON_FINITE_WEIGHTS');
    expect((error as Error).message).toContain('weight 5 (tensor 1 of shape [2], element 1) is NaN');
    w[5] = 0;
    w[0] = -Infinity;
    expect(() => validateUpdate(w, undefined, shapes, where)).toThrow(/tensor 0 of shape \[2, 2\], element 0\) is -Infinity/);
  });
});

describe('client selection', () => {
  const clients = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'];

  test('takes the fraction, at least minClients, seeded by round', () => {
    const r1 = selectClients(clients, { fraction: 0.3, minClients: 2, round: 1, seed: 9 });
    expect(r1).toHaveLength(3);
    expect(new Set(r1).size).toBe(3);
    expect(selectClients(clients, { fraction: 0.3, minClients: 2, round: 1, seed: 9 })).toEqual(r1);
    const rounds = Array.from({ length: 6 }, (_, r) => selectClients(clients, { fraction: 0.3, minClients: 2, round: r + 1, seed: 9 }).join());
    expect(new Set(rounds).size).toBeGreaterThan(1);
    expect(selectClients(clients, { fraction: 0.1, minClients: 4, round: 1, seed: 9 })).toHaveLength(4);
    expect(selectClients(clients, { fraction: 1, minClients: 1, round: 1, seed: 9 })).toEqual(clients);
  });

  test('fewer available than minClients is a TooFewClientsError', () => {
    expect(() => selectClients(['a', 'b'], { fraction: 1, minClients: 3, round: 7, seed: 0 })).toThrow(TooFewClientsError);
    expect(() => selectClients(['a', 'b'], { fraction: 1, minClients: 3, round: 7, seed: 0 })).toThrow('round 7: 2 clients available, minClients is 3');
  });
});

describe('per-endpoint tuner', () => {
  const defaults = { epochs: 1, batchSize: 32, learningRate: 0.1 };
  // Speeds 4x apart, as on emulated heterogeneous endpoints; every client holds 1,000 examples.
  const clients: ClientInfo[] = [['fast', 4000], ['mid', 2000], ['slow', 1000]].map(([id]) => ({ id: id as string, endpoint: `ep-${id}`, numExamples: 1000 }));
  const speeds = new ClientSpeeds(1, { fast: { samplesPerS: 4000, fixedSeconds: 0.1 }, mid: { samplesPerS: 2000, fixedSeconds: 0.1 }, slow: { samplesPerS: 1000, fixedSeconds: 0.1 } });
  const configs = new FedAvg().configure(2, clients, defaults);
  const predicted = (cfg: { epochs: number; sampleCount?: number }, sps: number) => 0.1 + (cfg.epochs * (cfg.sampleCount ?? 1000)) / sps;

  test('uniform keeps the strategy config, so the round waits for the slowest client', () => {
    const uniform = new UniformTuner().tune(configs);
    expect(uniform).toEqual(configs);
    expect(Math.max(...uniform.map((c, i) => predicted(c, [4000, 2000, 1000][i]!)))).toBeCloseTo(1.1, 6);
  });

  test('capacity tuning fits every client to the deadline: fast ones train more epochs, slow ones a sample', () => {
    const tuned = new CapacityTuner({ maxEpochs: 5 }).tune(configs, clients, speeds, { deadlineS: 0.7 });
    const target = 0.7 * 0.8;
    const fast = tuned[0]!;
    const slow = tuned[2]!;
    expect(fast.epochs).toBe(1);
    expect(fast.sampleCount).toBe(1000);
    expect(slow.epochs).toBe(1);
    expect(slow.sampleCount).toBeGreaterThanOrEqual(455);
    expect(slow.sampleCount).toBeLessThanOrEqual(460);
    tuned.forEach((c, i) => expect(predicted(c, [4000, 2000, 1000][i]!)).toBeLessThanOrEqual(target + 1e-9));
    const roomy = new CapacityTuner({ maxEpochs: 5 }).tune(configs, clients, speeds, { deadlineS: 1.5 });
    expect(roomy.map((c) => c.epochs)).toEqual([4, 2, 1]);
    expect(roomy[2]!.sampleCount).toBe(1000);
  });

  test('without a deadline it aims at the median client, and keeps four steps per epoch', () => {
    const tuned = new CapacityTuner({ maxEpochs: 5 }).tune(configs, clients, speeds, {});
    // Median predicted time is the mid client's 0.6 s: the slow one gets 500 samples, the fast one 2 epochs.
    expect(tuned.map((c) => [c.epochs, c.sampleCount])).toEqual([[2, 1000], [1, 1000], [1, 500]]);
    const tiny = new CapacityTuner({ targetSeconds: 0.13, minSampleShare: 0.01 }).tune(configs, clients, speeds, {});
    expect(tiny[2]!.sampleCount).toBe(30);
    expect(tiny[2]!.batchSize).toBe(7);
  });

  test('clients not measured yet keep the strategy config (the first round profiles them)', () => {
    expect(new CapacityTuner().tune(configs, clients, new ClientSpeeds(), {})).toEqual(configs);
  });

  test('speeds are smoothed measurements of samples per second and fixed seconds', () => {
    const s = new ClientSpeeds(0.5);
    s.observe('c', { samples: 1000, trainSeconds: 1, wallSeconds: 1.5 });
    s.observe('c', { samples: 3000, trainSeconds: 1, wallSeconds: 1.1 });
    expect(s.get('c')!.samplesPerS).toBeCloseTo(2000, 6);
    expect(s.get('c')!.fixedSeconds).toBeCloseTo(0.3, 6);
    s.observe('d', { samples: 0, trainSeconds: 1, wallSeconds: 1 });
    expect(s.get('d')).toBeUndefined();
  });
});

describe('report data', () => {
  test('turns round metrics into per-round accuracy and per-client seconds', async () => {
    const { federatedReportData } = await import('../../sdk/federated/index.js');
    const data = federatedReportData([
      { round: 1, metrics: { accuracy: 0.5, loss: 1.2, 'client.edge-a.seconds': 2, 'client.hpc.seconds': 0.5, roundSeconds: 2.1 } },
      { round: 2, metrics: { accuracy: 0.7, loss: 0.8, 'client.edge-a.seconds': 1.5 } },
    ], 'fedavg');
    expect(data).toEqual({
      strategy: 'fedavg',
      rounds: [{ round: 1, accuracy: 0.5, loss: 1.2 }, { round: 2, accuracy: 0.7, loss: 0.8 }],
      clientTimes: [{ round: 1, client: 'edge-a', seconds: 2 }, { round: 1, client: 'hpc', seconds: 0.5 }, { round: 2, client: 'edge-a', seconds: 1.5 }],
    });
  });
});
