import { createPolicy, policyNames, planWorkflow, predictedFinishS, registerPolicy, tradeoff, UnknownPolicyError, type CandidateEndpoint, type PlacementContext } from '../../sdk/index.js';
import { heftPaper } from './helpers.js';

const candidate = (name: string, over: Partial<CandidateEndpoint>): CandidateEndpoint => ({
  name, kind: 'simulated', workers: 4, transferGroup: name, load: 0, idleWorkers: 4,
  prediction: { seconds: 10, stdev: 1, source: 'model' }, queueWaitS: 0, coldStartS: 0, transferS: 0,
  cost: { usd: 0.01, seconds: 10, joules: 100 }, ...over,
});
const ctx = (candidates: CandidateEndpoint[]): PlacementContext => ({
  task: { callId: 'c1', taskId: 'Images.classify', attempt: 1, features: {}, inputBytes: 1e9, dataLocations: ['edge'] }, candidates, now: 0,
});

describe('built-in online policies', () => {
  // A fast cloud endpoint far from the data, and a slower edge device holding it (DELTA's compute-to-data case).
  const cloud = candidate('cloud', { prediction: { seconds: 5, stdev: 1, source: 'model' }, transferS: 20, coldStartS: 2, cost: { usd: 0.02, seconds: 7, joules: 50 } });
  const edge = candidate('edge', { prediction: { seconds: 12, stdev: 1, source: 'model' }, transferS: 0, queueWaitS: 3, cost: { usd: 0, seconds: 12, joules: 300 } });
  const busy = candidate('busy', { prediction: { seconds: 6, stdev: 1, source: 'model' }, queueWaitS: 40, transferS: 1, cost: { usd: 0.005, seconds: 6, joules: 60 } });

  it('registers every built-in by name', () => {
    expect(policyNames()).toEqual(expect.arrayContaining(['fastest', 'cheapest', 'round-robin', 'delta', 'tradeoff', 'heft', 'budget-heft', 'optimal', 'least-loaded']));
    expect(() => createPolicy('nope')).toThrow(UnknownPolicyError);
  });

  it('fastest takes the smallest run time whatever the queue and transfer', () => {
    expect(createPolicy('fastest').place(ctx([edge, busy, cloud])).endpoint).toBe('cloud');
  });

  it('delta adds cold start and max(queue, transfer): moving compute to the data wins', () => {
    expect(predictedFinishS(cloud)).toBe(2 + 20 + 5);
    expect(predictedFinishS(edge)).toBe(3 + 12);
    expect(createPolicy('delta').place(ctx([cloud, busy, edge])).endpoint).toBe('edge');
  });

  it('cheapest takes the lowest price, and among free ones the earliest finish', () => {
    const edge2 = candidate('edge2', { prediction: { seconds: 30, stdev: 1, source: 'model' }, cost: { usd: 0, seconds: 30, joules: 10 } });
    expect(createPolicy('cheapest').place(ctx([cloud, edge2, edge])).endpoint).toBe('edge');
  });

  it('round-robin cycles through the candidates, a fresh rotation per instance', () => {
    const rr = createPolicy('round-robin');
    expect([0, 1, 2, 3].map(() => rr.place(ctx([cloud, edge, busy])).endpoint)).toEqual(['cloud', 'edge', 'busy', 'cloud']);
    expect(createPolicy('round-robin').place(ctx([cloud, edge, busy])).endpoint).toBe('cloud');
  });

  it('tradeoff moves with its weights: time alone, energy alone, cost alone', () => {
    const all = [cloud, edge, busy];
    expect(tradeoff({ time: 1 }).place(ctx(all)).endpoint).toBe('edge');
    expect(tradeoff({ energy: 1 }).place(ctx(all)).endpoint).toBe('cloud');
    expect(tradeoff({ cost: 1 }).place(ctx(all)).endpoint).toBe('edge');
    expect(() => tradeoff({ time: -1 })).toThrow(/tradeoff.time/);
  });

  it('a custom policy registered by name plans a workflow through planWorkflow', async () => {
    registerPolicy({ name: 'always-p1', place: (c) => ({ endpoint: c.candidates.find((x) => x.name === 'P1')!.name }) });
    const plan = await planWorkflow(heftPaper(23), { policy: 'always-p1' });
    expect(new Set(plan.tasks.map((t) => t.endpoint))).toEqual(new Set(['P1']));
    // Serial on P1: the sum of P1's run times.
    expect(plan.makespanS).toBe(14 + 13 + 11 + 13 + 12 + 13 + 7 + 5 + 18 + 21);
  });
});
