import { SimulatedEndpoint } from '../../sdk/index.js';
import { costModelFor } from '../../sdk/runtime/cost-models.js';

// A simulated endpoint's price is the simulator's { usdPerHour, watts }, not a `cost:` block:
// a session prices it per busy second, without the on-demand 60 s minimum.
test('a simulated endpoint with a price is billed per second at its $/h and watts', () => {
  const d = new SimulatedEndpoint({ name: 'cloud', cost: { usdPerHour: 0.36, watts: 50 } }).describe();
  const cost = costModelFor(d).estimate(d, 10, new Date());
  expect(cost.usd).toBeCloseTo(0.001, 12);
  expect(cost.joules).toBeCloseTo(500, 9);
});

test('a simulated endpoint without a price costs only its energy', () => {
  const d = new SimulatedEndpoint({ name: 'edge', cost: { watts: 6 } }).describe();
  const cost = costModelFor(d).estimate(d, 10, new Date());
  expect(cost.usd).toBe(0);
  expect(cost.joules).toBeCloseTo(60, 9);
});
