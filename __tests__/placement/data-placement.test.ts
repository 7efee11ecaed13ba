import { TaskGraph } from '../../sdk/graph/index.js';
import {
  candidateOf, createPolicy, plannedMoves, planWorkflow, TransferModel,
  type PlacementContext, type PlacementPolicy, type PlanEdge, type PlanTask, type SimEndpoint,
} from '../../sdk/placement/index.js';
import { simulate } from '../../sdk/runtime/index.js';
import { chain, fanOut, twoSites } from './helpers.js';

const cost = { usd: 0.01, seconds: 2, joules: 10 };
const prediction = { seconds: 2, stdev: 0, source: 'model' as const };

describe('candidateOf prices moving each input to the endpoint', () => {
  const transfer = new TransferModel({ latencyS: 1, bytesPerS: 100e6 }).egress('aws', 0.09);
  const inputs = [{ bytes: 2e9, site: 'aws' }, { bytes: 1e8, site: 'hpc' }];

  it('gives the seconds and the egress dollars from where the inputs live, adding the dollars to the cost', () => {
    const there = candidateOf({ name: 'hpc-1', kind: 'dask', workers: 2, transferGroup: 'hpc', busy: 0, queued: 0, prediction, coldStartS: 0, cost, inputs, transfer });
    expect(there.transferS).toBeCloseTo(1 + 20, 9); // only the aws input moves
    expect(there.transferUsd).toBeCloseTo(0.18, 12);
    expect(there.cost.usd).toBeCloseTo(0.01 + 0.18, 12);
    const atData = candidateOf({ name: 'aws-1', kind: 'dask', workers: 2, transferGroup: 'aws', busy: 0, queued: 0, prediction, coldStartS: 0, cost, inputs, transfer });
    expect(atData.transferS).toBeCloseTo(1 + 1, 9);
    expect(atData.transferUsd).toBe(0); // hpc's data leaves for free
    expect(atData.cost.usd).toBe(0.01);
  });

  it('places as if data moved for free when data-blind, and keeps a driver\'s own transfer seconds', () => {
    const blind = candidateOf({ name: 'hpc-1', kind: 'dask', workers: 2, transferGroup: 'hpc', busy: 0, queued: 0, prediction, coldStartS: 0, cost, inputs, transfer, dataBlind: true });
    expect([blind.transferS, blind.transferUsd, blind.cost.usd]).toEqual([0, 0, 0.01]);
    const known = candidateOf({ name: 'hpc-1', kind: 'dask', workers: 2, transferGroup: 'hpc', busy: 0, queued: 0, prediction, coldStartS: 0, cost, inputs, transfer, transferS: 7 });
    expect(known.transferS).toBe(7);
  });
});

function oneTask(inputBytes: number, baseSeconds = 100): TaskGraph<PlanTask, PlanEdge> {
  return new TaskGraph<PlanTask, PlanEdge>().addNode('t', { id: 't', baseSeconds, inputBytes, dataLocation: 'A' });
}

describe('move the data or move the compute: the crossover', () => {
  const transfer = new TransferModel().link('A', 'B', { latencyS: 12, bytesPerS: 20e6 });

  /** Input size at which running at B (transfer + R/4) and at A (R) finish together: latency + b/bw = 3R/4. */
  function crossoverBytes(model: TransferModel, runS: number): number {
    const l = model.between('A', 'B');
    return (0.75 * runS - l.latencyS) * l.bytesPerS;
  }

  it('sends a small input to the 4x faster endpoint and runs a large one where it lives, flipping where the model says', async () => {
    const star = crossoverBytes(transfer, 100);
    expect(star).toBeCloseTo((75 - 12) * 20e6, 0);
    for (const policy of ['delta', 'heft', 'tradeoff', 'budget-heft']) {
      for (const [bytes, expected] of [[star * 0.9, 'far'], [star * 1.1, 'near']] as const) {
        const r = await simulate({ graph: oneTask(bytes), endpoints: twoSites(), transfer }, { policy, seed: 1 });
        expect([policy, bytes, r.placements[0]!.endpoint]).toEqual([policy, bytes, expected]);
      }
    }
  });

  it('moves the crossover when observed transfers show a slower link than the prior', async () => {
    const learnt = new TransferModel().link('A', 'B', { latencyS: 12, bytesPerS: 20e6 });
    for (const bytes of [1e8, 4e8, 1e9]) for (let k = 0; k < 8; k++) learnt.observe({ from: 'A', to: 'B', bytes, seconds: 12 + bytes / 5e6 });
    const before = crossoverBytes(transfer, 100);
    const after = crossoverBytes(learnt, 100);
    expect(after).toBeLessThan(before * 0.5);
    // Between the two crossovers the prior still moves the data, the learnt model moves the compute.
    const between = (after + before) / 2;
    expect((await simulate({ graph: oneTask(between), endpoints: twoSites(), transfer }, { policy: 'delta', seed: 1 })).placements[0]!.endpoint).toBe('far');
    expect((await simulate({ graph: oneTask(between), endpoints: twoSites(), transfer: learnt }, { policy: 'delta', seed: 1 })).placements[0]!.endpoint).toBe('near');
    for (const [bytes, expected] of [[after * 0.9, 'far'], [after * 1.1, 'near']] as const) {
      expect((await simulate({ graph: oneTask(bytes), endpoints: twoSites(), transfer: learnt }, { policy: 'delta', seed: 1 })).placements[0]!.endpoint).toBe(expected);
    }
  });
});

describe('the simulator places with every input and charges what moves', () => {
  it('hands the policy each input with its size and the site of the endpoint that made it', async () => {
    const seen: PlacementContext['task'][] = [];
    const delta = createPolicy('delta');
    const recording: PlacementPolicy = { name: 'recording', place: (ctx) => { seen.push(ctx.task); return delta.place(ctx); } };
    const r = await simulate({ graph: chain(3e9), endpoints: twoSites(), transfer: new TransferModel().link('A', 'B', { latencyS: 12, bytesPerS: 20e6 }) }, { policy: recording, seed: 1 });
    const where = new Map(r.placements.map((p) => [p.task, p.endpoint === 'near' ? 'A' : 'B']));
    expect(seen.map((t) => t.inputs)).toEqual([
      [{ bytes: 3e9, site: 'A' }],
      [{ bytes: 3e9, site: where.get('make') }],
      [{ bytes: 3e9, site: where.get('scale') }],
    ]);
    expect(seen[1]!.dataLocations).toEqual([where.get('make')]);
    expect(seen[1]!.inputBytes).toBe(3e9);
  });

  it('charges egress on data that leaves a priced site, in the plan and in the simulation alike', async () => {
    const transfer = new TransferModel({ latencyS: 1, bytesPerS: 1e9 }).egress('A', 0.1);
    const g = chain(2e9);
    const endpoints: SimEndpoint[] = [
      { name: 'near', workers: 1, speed: 1, transferGroup: 'A', usdPerHour: 3.6 },
      { name: 'far', workers: 1, speed: 1, transferGroup: 'B', usdPerHour: 3.6 },
    ];
    // make at A, scale forced to B: 2 GB leave A once ($0.20); sum follows scale at B.
    const forced = new TaskGraph<PlanTask, PlanEdge>();
    for (const id of g.ids()) forced.addNode(id, { ...g.node(id), ...(id === 'make' ? { allow: ['near'] } : { allow: ['far'] }) });
    for (const e of g.edges()) forced.addEdge(e.from, e.to, e.data);
    const compute = (3 * 40 * 3.6) / 3600;
    const r = await simulate({ graph: forced, endpoints, transfer }, { policy: 'delta', seed: 1 });
    expect(r.costUsd).toBeCloseTo(compute + 0.2, 9);
    const plan = await planWorkflow({ graph: forced, endpoints, transfer }, { policy: 'heft' });
    expect(plan.usd).toBeCloseTo(compute + 0.2, 9);
    expect(plan.tasks.find((t) => t.task === 'scale')!.usd).toBeCloseTo(0.04 + 0.2, 9);
    expect(plannedMoves({ graph: forced, endpoints, transfer }, plan)).toEqual([
      { from: 'make', to: 'scale', fromSite: 'A', toSite: 'B', bytes: 2e9, seconds: 1 + 2, usd: 0.2 },
    ]);
  });
});

describe('data-aware heft weighs keeping a workflow at one site', () => {
  it('plans shorter than plain task-by-task HEFT when cutting edges costs latency', async () => {
    const { graph: g, endpoints, transfer } = fanOut();
    const plan = await planWorkflow({ graph: g, endpoints, transfer }, { policy: 'heft' });
    const { heft: plainHeft } = await import('../../sdk/placement/planning/heft.js');
    const { compile } = await import('../../sdk/placement/planning/instance.js');
    const plain = plainHeft(compile({ graph: g, endpoints, transfer })).toPlan('heft');
    // Plain HEFT keeps the first tasks by the data, then cuts edges to reach the big site; keeping all at B is shorter.
    expect(plan.makespanS).toBeLessThan(plain.makespanS * 0.7);
    expect(plan.tasks.every((t) => t.endpoint === 'far')).toBe(true);
  });
});
