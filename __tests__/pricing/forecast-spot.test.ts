import { cheapestSpot, forecastSpot, PricingError, readSpotPrices } from '../../sdk/pricing/index.js';
import { SPOTLAKE } from './fixtures.js';

describe('spot forecasts and the cheapest (type, zone)', () => {
  const data = readSpotPrices(SPOTLAKE);

  test('forecasts each series from the end of its history with an ordered 90% interval', () => {
    const fs = forecastSpot(data, { horizonHours: 24 });
    expect(fs).toHaveLength(4);
    for (const f of fs) {
      const s = data.series.get(f.key)!;
      expect(f.fromMs).toBe(s.startMs + s.hourly.length * 3_600_000);
      expect(f.usdPerHour.p5).toBeLessThanOrEqual(f.usdPerHour.p50);
      expect(f.usdPerHour.p50).toBeLessThanOrEqual(f.usdPerHour.p95);
      expect(f.costUsd.mean).toBeCloseTo(f.usdPerHour.mean * 24, 12);
      // Forecasts stay near recent prices: within the range of the last week.
      const week = Array.from(s.hourly.slice(-168));
      expect(f.usdPerHour.mean).toBeGreaterThan(Math.min(...week) * 0.8);
      expect(f.usdPerHour.mean).toBeLessThan(Math.max(...week) * 1.2);
    }
    expect(() => forecastSpot(data, { horizonHours: 24, keys: ['c5.large@mars'] })).toThrow(/no series "c5\.large@mars"/);
    expect(() => forecastSpot(data, { horizonHours: 2000 })).toThrow(PricingError);
  });

  test('ranks (type, zone) by expected cost; those missing the deadline come last, marked', () => {
    const ranked = cheapestSpot(data, { hours: 10 });
    expect(ranked).toHaveLength(4);
    for (let i = 1; i < ranked.length; i++) expect(ranked[i].costUsd.mean).toBeGreaterThanOrEqual(ranked[i - 1].costUsd.mean);
    expect(ranked.every((c) => c.meetsDeadline)).toBe(true);
    const tight = cheapestSpot(data, { hours: 10, deadlineHours: 10 });
    // Any interruption risk makes the expected wall time exceed the bare work.
    expect(tight.every((c) => !c.meetsDeadline)).toBe(true);
    expect(() => cheapestSpot(data, { hours: 10, instanceTypes: ['p5.48xlarge'] })).toThrow(/none of the instance types p5\.48xlarge/);
    expect(() => cheapestSpot(data, { hours: 0 })).toThrow(/job length must be > 0 hours/);
  });
});
