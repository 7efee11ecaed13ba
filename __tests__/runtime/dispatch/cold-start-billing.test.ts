import { join } from 'node:path';
import { Corral, OnDemandCostModel, SimulatedEndpoint } from '../../../sdk/index.js';
import { PlainFlow } from '../../fixtures/tasks/workflows.js';
import { tempDir } from '../helpers.js';

// $36/h is one cent per second; a simulated endpoint with speed 1000 makes each call's own run time negligible.
describe('an attempt is billed for the cold start it paid, as its candidate was priced', () => {
  test('the first call of a task on a cold endpoint pays the 30 s cold start; the warm calls after it do not', async () => {
    const corral = await Corral.open({
      endpoints: [new SimulatedEndpoint({ name: 'cold', workers: 1, speed: 1000, coldStartS: 30, cost: { usdPerHour: 36 } })],
      costModels: { cold: new OnDemandCostModel({ usdPerHour: 36, minimumBilledS: 0, egressUsdPerGB: 0 }) },
      journal: join(tempDir(), 'corral.db'),
    });
    try {
      expect(await corral.run(PlainFlow, 'flow', [1, 2, 3])).toEqual([2, 4, 6]);
      const attempts = corral.journal.attempts(corral.lastRunId!);
      expect(attempts).toHaveLength(3);
      const cold = attempts.filter((a) => (a.cold_start_seconds ?? 0) > 0);
      expect(cold).toHaveLength(1);
      expect(cold[0]!.cold_start_seconds).toBe(30);
      expect(cold[0]!.usd).toBeGreaterThanOrEqual(0.3);
      expect(cold[0]!.usd).toBeLessThan(0.31);
      for (const warm of attempts.filter((a) => a !== cold[0])) expect(warm.usd).toBeLessThan(0.01);
      // The call rows and the budget's ledger agree with the attempts.
      const billed = corral.journal.calls(corral.lastRunId!).reduce((s, c) => s + (c.usd ?? 0), 0);
      expect(billed).toBeCloseTo(attempts.reduce((s, a) => s + (a.usd ?? 0), 0), 9);
    } finally {
      await corral.close();
    }
  }, 120_000);
});
