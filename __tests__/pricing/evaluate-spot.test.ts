import { evaluateSpot, PricingError, readSpotPrices, spotModelNames, type SpotData } from '../../sdk/pricing/index.js';
import { sweepSpot } from '../../sdk/pricing/spot/sweep.js';
import { SPOT_FORECASTERS } from '../../sdk/pricing/index.js';
import { EVENTS_2015, SPOTLAKE } from './fixtures.js';

const FIELDS = ['name', 'medianApePct', 'p95ApePct', 'meanApePct', 'shareUnder4Pct', 'coverage90Pct'];

describe('spot forecast evaluation', () => {
  const post = readSpotPrices(SPOTLAKE);

  test('reports every model beside naive with the fields DESIGN.md fixes, auto chosen', () => {
    const r = evaluateSpot(post, { horizon: 24 });
    expect(Object.keys(r).slice(0, 4)).toEqual(['horizonHours', 'windows', 'chosen', 'models']);
    expect(r.horizonHours).toBe(24);
    expect(r.chosen).toBe('auto');
    expect(r.models.map((m) => m.name)).toEqual(spotModelNames());
    for (const m of r.models) expect(Object.keys(m)).toEqual(FIELDS);
    // Windows start every 6 h from hour 168 while 24 h of prices remain, per series.
    const perSeries = Math.floor((31 * 24 - 24 - 168) / 6) + 1;
    expect(r.windows).toBe(4 * perSeries);
    expect(Object.values(r.autoPicks).reduce((a, b) => a + b, 0)).toBe(r.windows);
    const auto = r.models.find((m) => m.name === 'auto')!;
    expect(auto.coverage90Pct).toBeGreaterThan(75);
    expect(auto.medianApePct).toBeLessThan(4);
  });

  test('--model keeps naive and the named model only', () => {
    const r = evaluateSpot(post, { horizon: 24, model: 'drift' });
    expect(r.chosen).toBe('drift');
    expect(r.models.map((m) => m.name)).toEqual(['naive', 'drift']);
    expect(() => evaluateSpot(post, { horizon: 24, model: 'prophet' })).toThrow(/unknown --model "prophet"; known: naive, /);
  });

  test('pre-2017 events evaluate too', () => {
    const r = evaluateSpot(readSpotPrices(EVENTS_2015), { horizon: 24 });
    expect(r.windows).toBeGreaterThan(100);
    expect(r.models[0].name).toBe('naive');
  });

  test('a horizon longer than the history, or a bad step, is an error naming it', () => {
    expect(() => evaluateSpot(post, { horizon: 700 })).toThrow(PricingError);
    expect(() => evaluateSpot(post, { horizon: 700 })).toThrow(/at most 744 hours per series, fewer than warm-up 168 h \+ horizon 700 h/);
    expect(() => evaluateSpot(post, { horizon: 24, step: 0 })).toThrow(/--step must be a whole number of hours >= 1 \(got 0\)/);
  });

  test('no look-ahead: changing prices after hour X changes nothing decided before X', () => {
    const X = 400;
    const spiked: SpotData = {
      ...post,
      series: new Map([...post.series].map(([k, s]) => {
        const hourly = Float64Array.from(s.hourly, (p, i) => (i >= X ? p * 10 : p));
        return [k, { ...s, hourly }];
      })),
    };
    const seen = (data: SpotData) => {
      const out: string[] = [];
      sweepSpot(data, SPOT_FORECASTERS, { horizon: 24, step: 6, warmup: 168 }, (s, j, sw) => {
        if (sw.tests[s].origins[j] <= X) out.push(`${s}:${j}:${sw.picks[s][j]}:${sw.tests[s].forecasts.map((f) => f[j]).join(',')}`);
      });
      return out;
    };
    const a = seen(post);
    expect(a.length).toBeGreaterThan(100);
    expect(seen(spiked)).toEqual(a);
  });
});
