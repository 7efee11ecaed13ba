// The dispatcher-driven simulation prices and bills moving data: the policy's
// candidates carry each input's transfer and egress, the run pays the egress
// where the call ran, and --data-blind hides only the price, never the bill.
import { createPolicy, TransferModel, type PlacementContext, type PlacementPolicy, type SimEndpoint } from '../../../sdk/placement/index.js';
import { simulate } from '../../../sdk/runtime/index.js';
import { chain } from '../../placement/helpers.js';

/** Data at A, a 4x faster site B behind a slow link; data leaving A costs $0.10 per GB; a busy second costs $0.001 on both. */
const endpoints: SimEndpoint[] = [
  { name: 'near', workers: 1, speed: 1, transferGroup: 'A', usdPerHour: 3.6 },
  { name: 'far', workers: 1, speed: 4, transferGroup: 'B', usdPerHour: 3.6 },
];
const transfer = new TransferModel().link('A', 'B', { latencyS: 12, bytesPerS: 20e6 }).egress('A', 0.1);
const problem = { graph: chain(2e9), endpoints, transfer };

function recording(seen: PlacementContext[]): PlacementPolicy {
  const delta = createPolicy('delta');
  return { name: 'recording', place: (ctx) => { seen.push(ctx); return delta.place(ctx); } };
}

describe('what-if runs price and bill moving data through the dispatcher', () => {
  it('shows the policy the egress of moving the input to the far site, in its candidate\'s cost', async () => {
    const seen: PlacementContext[] = [];
    await simulate(problem, { policy: recording(seen), seed: 1 });
    const far = seen[0]!.candidates.find((c) => c.name === 'far')!;
    const near = seen[0]!.candidates.find((c) => c.name === 'near')!;
    expect(far.transferUsd).toBeCloseTo(0.2, 12);
    expect(far.transferS).toBeCloseTo(12 + 100, 9);
    expect(far.cost.usd).toBeCloseTo(10 * 0.001 + 0.2, 12);
    expect([near.transferUsd, near.transferS]).toEqual([0, 0]);
    expect(seen[0]!.task.inputs).toEqual([{ bytes: 2e9, site: 'A' }]);
  });

  it('data-blind, hides inputs, transfers and egress from the policy, yet bills the egress in usd, expectedUsd and costUsd', async () => {
    const seen: PlacementContext[] = [];
    const blind = await simulate(problem, { policy: recording(seen), seed: 1, dataBlind: true });
    for (const ctx of seen) {
      expect(ctx.task.inputs).toEqual([]);
      expect(ctx.task.dataLocations).toEqual([]);
      for (const c of ctx.candidates) expect([c.transferS, c.transferUsd]).toEqual([0, 0]);
    }
    expect(blind.placements.map((p) => p.endpoint)).toEqual(['far', 'far', 'far']);
    const make = blind.placements.find((p) => p.task === 'make')!;
    // 40 s of work at speed 4 is 10 busy seconds; 2 GB leave A once, for make.
    expect(make.usd).toBeCloseTo(0.01 + 0.2, 12);
    expect(make.expectedUsd).toBeCloseTo(0.01 + 0.2, 12);
    expect(blind.costUsd).toBeCloseTo(3 * 0.01 + 0.2, 12);
    const aware = await simulate(problem, { policy: 'delta', seed: 1 });
    expect(aware.placements.map((p) => p.endpoint)).toEqual(['near', 'near', 'near']);
    expect(aware.costUsd).toBeCloseTo(3 * 0.04, 12);
  });
});
