import { TaskGraph } from '../../sdk/graph/index.js';
import {
  candidateOf, delta, deltaTransferModel, readWorkflowFile, TransferModel,
  type CandidateEndpoint, type PlacementContext, type PlacementPolicy, type PlanEdge, type PlanTask,
} from '../../sdk/placement/index.js';
import { simulate } from '../../sdk/runtime/index.js';
import { DATA_SITES } from '../../bench/data-placement.js';
import { fixtures, twoSites } from './helpers.js';

/** A 12 s, 20 MB/s link between the data's site A and site B (4x faster endpoint). */
const transfer = () => new TransferModel().link('A', 'B', { latencyS: 12, bytesPerS: 20e6 });

/** A chain of `length` 100 s tasks, its input of `bytes` at A, each passing `bytes` to the next. */
function heavyChain(length: number, bytes: number): TaskGraph<PlanTask, PlanEdge> {
  const g = new TaskGraph<PlanTask, PlanEdge>();
  for (let k = 0; k < length; k++) g.addNode(`t${k}`, { id: `t${k}`, type: 'step', baseSeconds: 100, ...(k === 0 ? { inputBytes: bytes, dataLocation: 'A' } : {}) });
  for (let k = 1; k < length; k++) g.addEdge(`t${k - 1}`, `t${k}`, { bytes });
  return g;
}

/** delta's place() as it was: one call at a time, no lookahead (a policy object without the flag). */
const oneAtATime: PlacementPolicy = { name: 'delta-one-at-a-time', place: (ctx) => delta.place(ctx) };

describe('delta weighs what a placement commits the call\'s successors to', () => {
  const cost = { usd: 0, seconds: 0, joules: 0 };
  const candidate = (name: string, group: string, runS: number, transferS: number, downstreamS?: number): CandidateEndpoint => ({
    ...candidateOf({ name, kind: 'simulated', workers: 1, transferGroup: group, busy: 0, queued: 0, prediction: { seconds: runS, stdev: 0, source: 'model' }, coldStartS: 0, transferS, cost }),
    ...(downstreamS !== undefined ? { downstreamS } : {}),
  });
  const ctx = (candidates: CandidateEndpoint[]): PlacementContext => ({
    task: { callId: 'c', taskId: 't', attempt: 1, features: {}, inputBytes: 1.6e9, dataLocations: ['A'], inputs: [{ bytes: 1.6e9, site: 'A' }] }, candidates, now: 0,
  });

  it('keeps the call at the data when nothing is known of what follows, and moves it when its successors would pay for staying', () => {
    // Near finishes first (100 s against 92 + 25), so alone it stays with the data.
    expect(delta.place(ctx([candidate('near', 'A', 100, 0), candidate('far', 'B', 25, 92)])).endpoint).toBe('near');
    // Three more 100 s steps follow: from near at best 92 s to move and 75 s to run them, from far 75 s.
    const decision = delta.place(ctx([candidate('near', 'A', 100, 0, 167), candidate('far', 'B', 25, 92, 75)]));
    expect(decision.endpoint).toBe('far');
    expect(decision.reason).toMatch(/then 75\.0 s for what follows/);
  });
});

describe('delta in a simulation that knows the whole workflow', () => {
  it('no longer keeps a chain at the slow site holding its data when moving it once lets every later step run 4x faster', async () => {
    const problem = { graph: heavyChain(4, 1.6e9), endpoints: twoSites(), transfer: transfer() };
    const before = await simulate(problem, { policy: oneAtATime, seed: 1 });
    // One call at a time, each step finishes sooner where its input already is: the whole chain runs at the slow site.
    expect(before.placements.map((p) => p.endpoint)).toEqual(['near', 'near', 'near', 'near']);
    expect(before.makespanS).toBeCloseTo(400, 6);
    const after = await simulate(problem, { policy: 'delta', seed: 1 });
    expect(after.placements.map((p) => p.endpoint)).toEqual(['far', 'far', 'far', 'far']);
    // 12 s + 1.6 GB at 20 MB/s = 92 s to move the input once, then 4 x 25 s.
    expect(after.makespanS).toBeCloseTo(92 + 100, 6);
    expect(after.notes.some((n) => /delta looked ahead: .* placed data-aware/.test(n))).toBe(true);
  });

  it('still runs the chain where its data lives when moving the input costs more than the faster endpoint saves', async () => {
    // 10 GB takes 512 s to move: 400 s at the data beats 512 + 100 s far away, data-blind included.
    const problem = { graph: heavyChain(4, 1e10), endpoints: twoSites(), transfer: transfer() };
    const r = await simulate(problem, { policy: 'delta', seed: 1 });
    expect(r.placements.map((p) => p.endpoint)).toEqual(['near', 'near', 'near', 'near']);
    expect(r.makespanS).toBeCloseTo(400, 6);
    const blind = await simulate(problem, { policy: 'delta', seed: 1, dataBlind: true });
    expect(blind.placements[0]!.endpoint).toBe('far');
    expect(blind.makespanS).toBeGreaterThan(r.makespanS);
    // corral plan runs delta the same way.
    const { planWorkflow } = await import('../../sdk/runtime/index.js');
    const plan = await planWorkflow(problem, { policy: 'delta' });
    expect(plan.tasks.map((t) => t.endpoint)).toEqual(['near', 'near', 'near', 'near']);
  });
});

describe('delta against its data-blind ablation on real workflows', () => {
  const WORKFLOWS = [
    'montage-chameleon-2mass-005d-001.json', 'epigenomics-chameleon-hep-1seq-100k-001.json', '1000genome-chameleon-2ch-100k-001.json',
    'Montage_25.xml', 'CyberShake_30.xml', 'Epigenomics_24.xml', 'Inspiral_30.xml', 'Sipht_30.xml',
  ];

  it('is never slower than data-blind, and runs data-blind where its own trial says one call at a time loses (WfInstances Montage)', async () => {
    const transfer = deltaTransferModel();
    for (const file of WORKFLOWS) {
      const problem = { graph: readWorkflowFile(`${fixtures}${file}`, 'uchicago_fast'), endpoints: DATA_SITES, transfer };
      const aware = await simulate(problem, { policy: 'delta', seed: 1 });
      const blind = await simulate(problem, { policy: 'delta', seed: 1, dataBlind: true });
      expect([file, aware.makespanS <= blind.makespanS]).toEqual([file, true]);
    }
    const montage = { graph: readWorkflowFile(`${fixtures}${WORKFLOWS[0]}`, 'uchicago_fast'), endpoints: DATA_SITES, transfer };
    const mine = await simulate(montage, { policy: 'delta', seed: 1 });
    const myopic = await simulate(montage, { policy: oneAtATime, seed: 1 });
    expect(mine.notes.some((n) => /placed data-blind/.test(n))).toBe(true);
    expect(mine.makespanS).toBeLessThan(myopic.makespanS);
  });
});

describe('delta looking ahead under a budget', () => {
  it('says once which mode it kept when the budget check planned the same trial', async () => {
    const problem = { graph: heavyChain(4, 1.6e9), endpoints: twoSites(), transfer: transfer() };
    const r = await simulate(problem, { policy: 'delta', seed: 1, budget: { usd: 100 } });
    expect(r.placements.map((p) => p.endpoint)).toEqual(['far', 'far', 'far', 'far']);
    expect(r.notes.filter((n) => n.startsWith('delta looked ahead')).length).toBe(1);
  });
});
