import { readFileSync } from 'node:fs';
import { HOUR_MS, PricingError, parseSpotPrices, readSpotPrices } from '../../sdk/pricing/index.js';
import { EVENTS_2015, SPOTLAKE } from './fixtures.js';

const HEADER = 'Time,InstanceType,Region,AZ,SPS,IF,OndemandPrice,SpotPrice,Savings';
const row = (h: number, price: number) => `2024-01-01 ${String(h).padStart(2, '0')}:00:00,c5.large,us-east-1,use1-az1,3,3.0,0.085,${price},50`;

describe('reading spot prices', () => {
  test('detects SpotLake snapshots, drops the -1 missing marker and counts it', () => {
    const data = readSpotPrices(SPOTLAKE);
    expect(data.format).toBe('spotlake');
    expect([...data.series.keys()].sort()).toEqual(['c5.large@use1-az1', 'c5.large@use1-az2', 'c5.large@use1-az4', 'c5.large@use2-az1']);
    const missing = readFileSync(SPOTLAKE, 'utf8').split('\n').filter((l) => l.split(',')[7] === '-1.0').length;
    expect(missing).toBeGreaterThan(0);
    expect(data.droppedMissing).toBe(missing);
    const s = data.series.get('c5.large@use1-az1')!;
    expect(s.hourly.length).toBe(31 * 24);
    expect(s.region).toBe('us-east-1');
    expect(s.onDemandUsdPerHour).toBe(0.085);
    expect(s.interruptionBand).toMatch(/%/);
    // The dropped hour takes the last price instead of becoming a zero-cost hour.
    const affected = data.series.get('c5.large@use2-az1')!;
    expect(Math.min(...affected.hourly)).toBeGreaterThan(0);
  });

  test('detects price-history events and resamples them to time-weighted hourly means', () => {
    const data = readSpotPrices(EVENTS_2015);
    expect(data.format).toBe('events');
    expect([...data.series.keys()].sort()).toEqual(['m3.medium@us-east-1b', 'm3.medium@us-east-1e']);
    const inline = parseSpotPrices([
      'Timestamp,AvailabilityZone,InstanceType,ProductDescription,SpotPrice',
      '2015-03-01 00:00:00+00:00,us-east-1a,m3.medium,Linux,0.01',
      '2015-03-01 00:30:00+00:00,us-east-1a,m3.medium,Linux,0.03',
      '2015-03-01 02:15:00+00:00,us-east-1a,m3.medium,Linux,0.02',
    ].join('\n'), 'inline.csv');
    const s = inline.series.get('m3.medium@us-east-1a')!;
    expect(s.startMs).toBe(Date.UTC(2015, 2, 1));
    expect(Array.from(s.hourly)).toEqual([0.02, 0.03]);
  });

  test('rows in any order give the same series', () => {
    const lines = readFileSync(SPOTLAKE, 'utf8').trim().split('\n');
    const [header, ...rows] = lines;
    const shuffled = [header, ...rows.map((r, i) => ({ r, k: (i * 7919) % rows.length })).sort((a, b) => a.k - b.k).map((x) => x.r)].join('\n');
    const a = readSpotPrices(SPOTLAKE);
    const b = parseSpotPrices(shuffled, 'shuffled.csv');
    for (const [key, s] of a.series) expect(Array.from(b.series.get(key)!.hourly)).toEqual(Array.from(s.hourly));
  });

  test('short gaps hold the last price, long gaps stay unknown (NaN), never zero', () => {
    const text = [HEADER, row(0, 0.04), row(3, 0.05), row(8, 0.06)].join('\n');
    const s = parseSpotPrices(text, 'gaps.csv', { maxFillHours: 2 }).series.get('c5.large@use1-az1')!;
    expect(Array.from(s.hourly.slice(0, 4))).toEqual([0.04, 0.04, 0.04, 0.05]);
    expect(s.hourly.slice(4, 8).every(Number.isNaN)).toBe(true);
    expect(s.hourly[8]).toBe(0.06);
    expect(s.startMs + 8 * HOUR_MS).toBe(Date.UTC(2024, 0, 1, 8));
  });

  test('bad input is an error naming file, line, field and value', () => {
    expect(() => parseSpotPrices('a,b\n1,2', 'x.csv')).toThrow(/x\.csv:1: unrecognised header "a,b"; expected SpotLake columns/);
    expect(() => parseSpotPrices([HEADER, row(0, 0.04), row(1, 0)].join('\n'), 'y.csv')).toThrow(/y\.csv:3: SpotPrice "0" is not a positive number/);
    expect(() => parseSpotPrices([HEADER, row(0, 0.04).replace('2024-01-01 00', 'yesterday')].join('\n'), 'z.csv')).toThrow(/z\.csv:2: time "yesterday/);
    expect(() => parseSpotPrices([HEADER, row(0, -1)].join('\n'), 'w.csv')).toThrow(/w\.csv: no usable prices/);
    try {
      readSpotPrices('/nonexistent/prices.csv');
    } catch (e) {
      expect(e).toBeInstanceOf(PricingError);
      expect((e as PricingError).code).toBe('CORRAL_SPOT_DATA');
    }
    expect.assertions(6);
  });
});
