// The ablation of data-aware placement: the policy places as if data moved
// for free, the simulation still charges every transfer.
import { TaskGraph } from '../../sdk/graph/index.js';
import { TransferModel, type PlanEdge, type PlanTask } from '../../sdk/placement/index.js';
import { simulate } from '../../sdk/runtime/index.js';
import { chain, fanOut, twoSites } from './helpers.js';

describe('--data-blind: the ablation of data-aware placement', () => {
  const transfer = new TransferModel().link('A', 'B', { latencyS: 12, bytesPerS: 20e6 });
  // At B the chain runs 4x faster, but 4 GB must cross a 20 MB/s link first (212 s against 90 s saved).
  const problem = { graph: chain(4e9), endpoints: twoSites(), transfer };

  it('places as if data were free yet is charged every transfer, so it loses to data-aware placement on heavy data', async () => {
    for (const policy of ['delta', 'heft']) {
      const aware = await simulate(problem, { policy, seed: 1 });
      const blind = await simulate(problem, { policy, seed: 1, dataBlind: true });
      expect(aware.placements.every((p) => p.endpoint === 'near')).toBe(true);
      expect(blind.placements.every((p) => p.endpoint === 'far')).toBe(true);
      expect(aware.makespanS).toBeCloseTo(120, 6);
      // The blind run still waits for its input to arrive at B: 12 s + 4 GB at 20 MB/s, then 3 x 10 s.
      expect(blind.makespanS).toBeCloseTo(12 + 200 + 30, 6);
      expect(blind.placements[0]!.startS).toBeCloseTo(212, 6);
      expect(blind.notes).toContain('data-blind: placed as if data moved for free; transfers charged as they happen');
    }
  });

  it('changes nothing when no data moves', async () => {
    const g = new TaskGraph<PlanTask, PlanEdge>().addNode('a', { id: 'a', baseSeconds: 40 }).addNode('b', { id: 'b', baseSeconds: 40 }).addEdge('a', 'b', { bytes: 0 });
    for (const policy of ['delta', 'heft']) {
      const aware = await simulate({ graph: g, endpoints: twoSites(), transfer }, { policy, seed: 1 });
      const blind = await simulate({ graph: g, endpoints: twoSites(), transfer }, { policy, seed: 1, dataBlind: true });
      expect(blind.makespanS).toBeCloseTo(aware.makespanS, 9);
    }
  });
});

describe('--data-blind against data-aware heft', () => {
  it('is never shorter than data-aware heft, whose options include the data-blind assignment', async () => {
    const { graph: g, endpoints, transfer } = fanOut();
    const aware = await simulate({ graph: g, endpoints, transfer }, { policy: 'heft', seed: 1 });
    const blind = await simulate({ graph: g, endpoints, transfer }, { policy: 'heft', seed: 1, dataBlind: true });
    expect(aware.makespanS).toBeLessThanOrEqual(blind.makespanS + 1e-9);
  });
});
