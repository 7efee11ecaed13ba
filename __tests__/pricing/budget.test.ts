import { checkBudget, PricingError, projectSpend, quantileForConfidence, remainingBudget, type CostEstimate } from '../../sdk/pricing/index.js';

const est = (usd: number, seconds: number, spread = 0.2): CostEstimate => ({
  usd, seconds, joules: 0,
  quantiles: { p5: { usd: usd * (1 - spread), seconds, joules: 0 }, p50: { usd, seconds, joules: 0 }, p95: { usd: usd * (1 + spread), seconds: seconds * 1.5, joules: 0 } },
});

describe('budget arithmetic', () => {
  test('remaining budget subtracts spend and keeps absent limits absent', () => {
    expect(remainingBudget({ usd: 2, seconds: 600 }, { usd: 0.5, seconds: 120, joules: 99 })).toEqual({ usd: 1.5, seconds: 480 });
    expect(remainingBudget({ usd: 1 }, { usd: 1.5, seconds: 0, joules: 0 }).usd).toBeCloseTo(-0.5);
  });

  test('projected spend sums points and quantiles; seconds are the plan end with start times', () => {
    const p = projectSpend([{ task: 'a', estimate: est(1, 10) }, { task: 'b', estimate: est(2, 20) }]);
    expect(p.usd).toBe(3);
    expect(p.quantiles!.p5.usd).toBeCloseTo(2.4);
    expect(p.quantiles!.p95.usd).toBeCloseTo(3.6);
    expect(p.seconds).toBe(30);
    const parallel = projectSpend([{ task: 'a', estimate: est(1, 10), startS: 0 }, { task: 'b', estimate: est(2, 20), startS: 5 }]);
    expect(parallel.seconds).toBe(25);
    expect(parallel.quantiles!.p95.seconds).toBe(35);
  });

  test('names every call from the first that breaks the budget, at the chosen confidence', () => {
    const plan = [{ task: 'a', estimate: est(1, 10) }, { task: 'b', estimate: est(1, 10) }, { task: 'c', estimate: est(1, 10) }];
    const median = checkBudget(plan, { usd: 3 }, { confidence: 0.5 });
    expect(median.ok).toBe(true);
    expect(median.remaining.usd).toBeCloseTo(0);
    const safe = checkBudget(plan, { usd: 3 });
    expect(safe.quantile).toBe('p95');
    expect(safe.ok).toBe(false);
    expect(safe.breaches.map((b) => b.task)).toEqual(['c']);
    expect(safe.breaches[0].cumulative).toBeCloseTo(3.6);
    const afterSpend = checkBudget(plan, { usd: 3 }, { confidence: 0.5, spent: { usd: 1.5, seconds: 0, joules: 0 } });
    expect(afterSpend.breaches.map((b) => b.task)).toEqual(['b', 'c']);
  });

  test('a call that ends after the deadline breaks seconds', () => {
    const plan = [{ task: 'late', estimate: est(0.1, 100), startS: 550 }, { task: 'early', estimate: est(0.1, 100), startS: 0 }];
    const check = checkBudget(plan, { seconds: 600 }, { confidence: 0.5 });
    expect(check.breaches).toEqual([{ task: 'late', limit: 'seconds', cumulative: 650, allowed: 600 }]);
  });

  test('bad limits and confidences are errors naming the field', () => {
    expect(() => checkBudget([], { usd: -1 })).toThrow(/budget\.usd must be a number >= 0 \(got -1\)/);
    expect(() => quantileForConfidence(2)).toThrow(PricingError);
    expect(quantileForConfidence(0.5)).toBe('p50');
    expect(quantileForConfidence(0.9)).toBe('p95');
  });
});
