import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { fitSingleVariable, ProfilingError } from '../../sdk/profiling/index.js';
import { fixture } from './fixtures.js';

/** DIALS crystallography on funcX: seconds per call against batch size (mean of the repetitions). */
function dials(): { batch: number[]; seconds: number[] } {
  const rows = parse(readFileSync(fixture('funcx-batch-dials.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
  const by = new Map<number, number[]>();
  for (const r of rows) {
    const b = Number(r.tag.replace('bash_dials_', ''));
    by.set(b, [...(by.get(b) ?? []), Number(r.returned) - Number(r.start_submit)]);
  }
  const batch = [...by.keys()].sort((a, b) => a - b);
  return { batch, seconds: batch.map((b) => by.get(b)!.reduce((s, v) => s + v, 0) / by.get(b)!.length) };
}

describe('fitSingleVariable', () => {
  it('chooses the family with the lowest cross-validated error and extrapolates DIALS runtime to a larger batch', () => {
    const { batch, seconds } = dials();
    const train = batch.map((b, i) => [b, seconds[i]]).filter(([b]) => b >= 8 && b <= 512);
    const model = fitSingleVariable(train.map(([b]) => b), train.map(([, s]) => s));
    const scores = Object.values(model.scores);
    expect(model.cvMapePct).toBe(Math.min(...scores));
    const actual = seconds[batch.indexOf(1024)];
    expect(Math.abs(model.predict(1024) - actual) / actual).toBeLessThan(0.15);
    expect(model.formula).toMatch(/^y = /);
  });

  it('rejects too few points and constant x with a ProfilingError naming the problem', () => {
    expect(() => fitSingleVariable([1, 2], [1, 2])).toThrow(ProfilingError);
    expect(() => fitSingleVariable([3, 3, 3], [1, 2, 3])).toThrow(/x is constant \(3\)/);
    expect(() => fitSingleVariable([1, 2, Number.NaN], [1, 2, 3])).toThrow(/point 3/);
  });

  it('skips families that need positive values when the response has zeros', () => {
    const m = fitSingleVariable([1, 2, 3, 4, 5], [0, 1, 2, 3, 4]);
    expect(m.scores.power).toBeUndefined();
    expect(m.scores.exponential).toBeUndefined();
    expect(m.family).toBe('linear');
  });
});
