import { addCosts, certain, compareCosts, costAt, dominates, formatCost, scaleCost, subtractCosts, weightedCost, ZERO_COST } from '../../sdk/pricing/index.js';

describe('CostVector arithmetic', () => {
  const a = { usd: 0.5, seconds: 100, joules: 2000 };
  const b = { usd: 0.25, seconds: 300, joules: 0, co2g: 4 };

  test('adds, subtracts and scales component-wise; CO2 only when some term has it', () => {
    expect(addCosts(a, b)).toEqual({ usd: 0.75, seconds: 400, joules: 2000, co2g: 4 });
    expect(addCosts(a, a)).toEqual({ usd: 1, seconds: 200, joules: 4000 });
    expect(addCosts()).toEqual(ZERO_COST);
    expect(subtractCosts(a, a)).toEqual(ZERO_COST);
    expect(scaleCost(b, 3)).toEqual({ usd: 0.75, seconds: 900, joules: 0, co2g: 12 });
  });

  test('compares under weights and by Pareto dominance', () => {
    expect(weightedCost(a, { usd: 1, seconds: 0.01 })).toBeCloseTo(1.5);
    expect(compareCosts(a, b, { usd: 1 })).toBeGreaterThan(0);
    expect(compareCosts(a, b, { seconds: 1 })).toBeLessThan(0);
    expect([a, b].sort((x, y) => compareCosts(x, y, { usd: 1 }))[0]).toBe(b);
    expect(dominates({ usd: 0.4, seconds: 100, joules: 2000 }, a)).toBe(true);
    expect(dominates(a, a)).toBe(false);
    expect(dominates(a, b)).toBe(false);
  });

  test('formats dollars with their interval, time and energy in readable units', () => {
    const e = { usd: 1.2, seconds: 5400, joules: 7.2e6, quantiles: { p5: { usd: 1.1, seconds: 5400, joules: 0 }, p95: { usd: 1.4, seconds: 5400, joules: 0 } } };
    expect(formatCost(e)).toBe('$1.20 [1.10–1.40] · 1.50 h · 2.00 kWh');
    expect(formatCost({ usd: 0.00123, seconds: 12, joules: 180, co2g: 0.5 })).toBe('$0.00123 · 12.0 s · 180 J · 0.5 gCO2');
  });

  test('reads a quantile, falling back to the point estimate', () => {
    const e = certain(a);
    expect(costAt(e, 'p95')).toEqual(a);
    expect(costAt({ ...a }, 'p95')).toEqual(a);
    expect(costAt({ ...a, quantiles: { p95: b } }, 'p95')).toBe(b);
  });
});
