import { join } from 'node:path';
import { Corral, OnDemandCostModel, SimulatedEndpoint } from '../../sdk/index.js';
import { Crowd } from '../fixtures/tasks/workflows.js';
import { tempDir } from './helpers.js';

// A simulated endpoint (speed 0.1) billed $36/h per second with a one-second minimum: each call runs well under
// a simulated second and is billed exactly $0.01, however loaded the machine, so 50 calls fit in $0.5.
describe.each([1, 4])('a $0.5 budget under 100 concurrent calls on a simulated endpoint with %i worker(s)', (workers) => {
  test('nothing is overspent: calls past the budget fail with BudgetExceededError, finished ones are in the journal', async () => {
    const corral = await Corral.open({
      endpoints: [new SimulatedEndpoint({ name: 'priced', workers, speed: 0.1, cost: { usdPerHour: 36 } })],
      costModels: { priced: new OnDemandCostModel({ usdPerHour: 36, minimumBilledS: 1, egressUsdPerGB: 0 }) },
      journal: join(tempDir(), 'corral.db'),
    });
    try {
      const outcomes = await corral.run(Crowd, 'hundred');
      const runId = corral.lastRunId!;
      const calls = corral.journal.calls(runId);
      const spent = corral.journal.attempts(runId).reduce((s, a) => s + (a.usd ?? 0), 0);
      // Sums of cents in floating point: no more than the budget, up to rounding.
      expect(spent).toBeLessThanOrEqual(0.5 + 1e-9);
      const done = outcomes.filter((o) => o.status === 'fulfilled');
      const refused = outcomes.filter((o) => o.status === 'rejected');
      expect(done.length).toBeGreaterThan(0);
      expect(refused.length).toBeGreaterThan(0);
      expect(done.length + refused.length).toBe(100);
      expect(new Set(refused.map((o) => o.reason))).toEqual(new Set(['BudgetExceededError']));
      // The finished calls' results are in the journal; the refused ones never started an attempt.
      const doneCalls = calls.filter((c) => c.state === 'done');
      expect(doneCalls).toHaveLength(done.length);
      expect(calls.filter((c) => c.state === 'failed')).toHaveLength(refused.length);
      expect(corral.journal.attempts(runId)).toHaveLength(done.length);
    } finally {
      await corral.close();
    }
  }, 120_000);
});
