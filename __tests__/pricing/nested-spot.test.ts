import { evaluateSpot, PricingError, readSpotPrices, type SpotData } from '../../sdk/pricing/index.js';
import { IntervalCalibrator } from '../../sdk/pricing/spot/interval-calibration.js';
import { selectorGrid } from '../../sdk/pricing/spot/selector-settings.js';
import { SPOTLAKE } from './fixtures.js';

const FIELDS = ['name', 'medianApePct', 'p95ApePct', 'meanApePct', 'shareUnder4Pct', 'coverage90Pct'];

describe('nested spot evaluation', () => {
  const data = readSpotPrices(SPOTLAKE);
  const byZone = evaluateSpot(data, { horizon: 24, nested: 'series', group: 'zone' });

  test('holds out each zone in turn, keeps the fixed fields, and scores every window once', () => {
    expect(Object.keys(byZone).slice(0, 4)).toEqual(['horizonHours', 'windows', 'chosen', 'models']);
    for (const m of byZone.models) expect(Object.keys(m)).toEqual(FIELDS);
    const folds = byZone.nested!.folds;
    expect(folds.map((f) => f.heldOut).sort()).toEqual(['use1-az1', 'use1-az2', 'use1-az4', 'use2-az1']);
    expect(folds.reduce((s, f) => s + f.windows, 0)).toBe(byZone.windows);
    expect(byZone.windows).toBe(evaluateSpot(data, { horizon: 24 }).windows);
    const grid = selectorGrid().map((s) => JSON.stringify(s));
    for (const f of folds) {
      expect(grid).toContain(JSON.stringify(f.selector));
      expect(f.auto.coverage90Pct).toBeGreaterThan(0);
      expect(f.naive.name).toBe('naive');
    }
  });

  test('a held-out zone never tunes its own settings: spiking its prices leaves its fold\'s selector unchanged', () => {
    const spiked: SpotData = {
      ...data,
      series: new Map([...data.series].map(([k, s]) => [k, s.zone !== 'use1-az2' ? s : {
        ...s, hourly: Float64Array.from(s.hourly, (p, i) => (i > 200 && i % 17 < 5 ? p * 3 : p)),
      }])),
    };
    const again = evaluateSpot(spiked, { horizon: 24, nested: 'series', group: 'zone' });
    const fold = (r: typeof byZone) => r.nested!.folds.find((f) => f.heldOut === 'use1-az2')!;
    expect(fold(again).selector).toEqual(fold(byZone).selector);
    // The spikes did reach the scored windows, so the check above is not vacuous.
    expect(fold(again).naive.medianApePct).not.toBeCloseTo(fold(byZone).naive.medianApePct, 2);
  });

  test('time split: scores the windows starting after the middle; settings and calibration come from windows ended before each start', () => {
    const r = evaluateSpot(data, { horizon: 24, nested: 'time' });
    expect(r.nested!.split).toBe('time');
    expect(r.nested!.folds).toHaveLength(1);
    expect(r.nested!.folds[0].heldOut).toMatch(/^after 2024-01-\d\dT/);
    expect(r.windows).toBeGreaterThan(100);
    expect(r.windows).toBeLessThan(byZone.windows);
  });

  test('one group only, or an unknown split, is an error naming it', () => {
    expect(() => evaluateSpot(data, { horizon: 24, nested: 'series', group: 'type' })).toThrow(PricingError);
    expect(() => evaluateSpot(data, { horizon: 24, nested: 'series', group: 'type' })).toThrow(/has one type only \(c5\.large\); hold out by another --group, or use --nested time/);
    expect(() => evaluateSpot(data, { horizon: 24, nested: 'later' as 'time' })).toThrow(/--nested "later"; expected series or time/);
  });
});

describe('volatility-scaled conformal intervals', () => {
  test('a series held out of the pool does not move it; a more volatile series gets a wider interval', () => {
    const cal = new IntervalCalibrator(1, (s) => s !== 1, 0.01);
    // Scores z uniform on [-1, 1]: residual = z * (volatility + floor).
    for (let i = 0; i < 2000; i++) cal.add(0, 0, ((i % 201) / 100 - 1) * 0.05, 0.04);
    const before = cal.interval(0, 1, 0.04, [0.05, 0.5, 0.95])!;
    for (let i = 0; i < 500; i++) cal.add(1, 0, 2, 0.04);
    expect(cal.interval(0, 1, 0.04, [0.05, 0.5, 0.95])).toEqual(before);
    expect(cal.count(0)).toBe(2000);
    // The central 90% of z is about [-0.9, 0.9]; the conformal correction may widen it by one rank.
    expect(Math.log(before[2])).toBeCloseTo(0.9 * 0.05, 2);
    expect(Math.log(before[0])).toBeCloseTo(-0.9 * 0.05, 2);
    const calm = cal.interval(0, 1, 0, [0.05, 0.95])!;
    const spiky = cal.interval(0, 1, 0.2, [0.05, 0.95])!;
    expect(spiky[1] - spiky[0]).toBeGreaterThan(5 * (calm[1] - calm[0]));
  });
});
