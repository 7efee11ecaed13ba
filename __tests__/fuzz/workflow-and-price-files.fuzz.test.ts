import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { readSpotPrices, readWorkflowFile } from '../../sdk/index.js';
import { parseSpotPrices } from '../../sdk/pricing/index.js';
import { tempDir } from '../runtime/helpers.js';
import { FUZZ_TIMEOUT_MS, expectCleanOutcome, fuzzParameters } from './fuzz-settings.js';
import { damagedBytes, mutatedJson } from './mutate.js';

const fixture = (path: string) => readFileSync(new URL(`../fixtures/${path}`, import.meta.url));

/** Writes each case to its own file, reads it with `read`, and checks the file was not changed. */
function readsCleanly(seed: fc.Arbitrary<Buffer>, extension: string, read: (file: string) => unknown, runs: number): void {
  const dir = tempDir();
  let i = 0;
  fc.assert(fc.property(seed, (bytes) => {
    const file = join(dir, `case-${i++}.${extension}`);
    writeFileSync(file, bytes);
    expectCleanOutcome(() => read(file), file);
    expect(readFileSync(file).equals(bytes)).toBe(true);
  }), fuzzParameters(runs));
}

describe('workflow files (corral simulate)', () => {
  test('WfFormat JSON with fields replaced, removed or emptied: a graph, or an error naming the file', () => {
    const seed = JSON.parse(fixture('workflows/heft_paper_example.json').toString('utf8'));
    readsCleanly(mutatedJson(seed).map((doc) => Buffer.from(JSON.stringify(doc))), 'json', (f) => readWorkflowFile(f), 300);
  }, FUZZ_TIMEOUT_MS);

  test('WfFormat JSON cut short or with bytes flipped', () => {
    readsCleanly(damagedBytes(fixture('workflows/heft_paper_example.json')), 'json', (f) => readWorkflowFile(f), 200);
  }, FUZZ_TIMEOUT_MS);

  test('Pegasus DAX XML cut short, with bytes flipped or overwritten', () => {
    readsCleanly(damagedBytes(fixture('workflows/HEFT_paper.xml')), 'xml', (f) => readWorkflowFile(f), 300);
  }, FUZZ_TIMEOUT_MS);
});

describe('spot price CSV files (corral spot evaluate)', () => {
  test.each(['pricing/aws-2015-m3-medium.csv', 'pricing/spotlake-c5-large-2024-01.csv'])('%s cut short, with bytes flipped or overwritten', (seed) => {
    const text = fixture(seed);
    // The first 6 kB keep every layout feature and let each case parse quickly.
    readsCleanly(damagedBytes(text.subarray(0, text.indexOf(10, 6000) + 1)), 'csv', (f) => readSpotPrices(f), 300);
  }, FUZZ_TIMEOUT_MS);

  test('any text: prices, or an error naming the file', () => {
    const row = fc.array(fc.oneof(fc.string(), fc.constantFrom('-1', '0', 'NaN', '1e400', '2015-03-01 00:00:00+00:00', 'us-east-1a', 'm3.medium', '0.01')), { maxLength: 6 }).map((cells) => cells.join(','));
    const header = fc.constantFrom('Timestamp,AvailabilityZone,InstanceType,SpotPrice', 'Time,InstanceType,Region,AZ,SpotPrice,IF', 'a,b', '');
    const text = fc.tuple(header, fc.array(row, { maxLength: 8 })).map(([h, rows]) => [h, ...rows].join('\n'));
    fc.assert(fc.property(text, (t) => {
      expectCleanOutcome(() => parseSpotPrices(t, 'inline.csv'), 'inline.csv');
    }), fuzzParameters(500));
  }, FUZZ_TIMEOUT_MS);
});

describe('regressions found by the fuzz suite', () => {
  test('an unclosed quote used to throw csv-parse\'s own error, naming no file', () => {
    expect(() => parseSpotPrices('Timestamp,AvailabilityZone,InstanceType,SpotPrice\n"', 'prices.csv'))
      .toThrow(/^prices\.csv:2: not valid CSV: Quote Not Closed/);
  });

  test('a year flipped from 2015 to 9015 used to allocate an hourly slot for every hour in between', () => {
    const text = 'Timestamp,AvailabilityZone,InstanceType,SpotPrice\n2015-03-01 00:00:00+00:00,us-east-1a,m3.medium,0.01\n9015-03-01 00:00:00+00:00,us-east-1a,m3.medium,0.02\n';
    expect(() => parseSpotPrices(text, 'prices.csv')).toThrow('prices.csv: m3.medium@us-east-1a spans 2015-03-01T00:00:00.000Z to 9015-03-01T00:00:00.000Z, more than 20 years of hourly prices');
  });
});
