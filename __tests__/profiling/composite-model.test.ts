import { fitComposite, holdoutScore, readProfileCsv, ProfilingError } from '../../sdk/profiling/index.js';
import { EC2_FEATURES, fixture } from './fixtures.js';

const table = readProfileCsv(fixture('ec2-bench.csv'), { response: 'ffmpeg_elapsed_s', features: EC2_FEATURES, group: 'family' });

describe('composite model on ec2-bench (ffmpeg seconds from hardware, unseen instance families)', () => {
  const once = holdoutScore(table, { features: EC2_FEATURES, retrain: 1, seed: 1 });
  const none = holdoutScore(table, { features: EC2_FEATURES, retrain: 0, seed: 1 });

  it('predicts unseen families far better than the mean of the training rows', () => {
    const mean = table.response.reduce((a, b) => a + b, 0) / table.response.length;
    const baseline = table.response.reduce((s, y) => s + Math.abs(mean - y) / y, 0) / table.response.length * 100;
    expect(none.mapePct).toBeLessThan(baseline / 4);
    expect(once.mapePct).toBeLessThan(20);
  });

  it('improves with one observation of the new family', () => {
    expect(once.mapePct).toBeLessThan(none.mapePct);
  });

  it('gives 80% intervals that cover between 70% and 90% of held-out rows', () => {
    expect(once.coverage80Pct).toBeGreaterThan(70);
    expect(once.coverage80Pct).toBeLessThan(90);
    expect(none.coverage80Pct).toBeGreaterThan(70);
    expect(none.coverage80Pct).toBeLessThan(90);
  });

  it('narrows a new group\'s interval after an observation (adapt)', () => {
    const train = table.rows.map((_, i) => i).filter((i) => table.groups![i] !== 'c7a');
    const model = fitComposite({ rows: train.map((i) => table.rows[i]), response: train.map((i) => table.response[i]), groups: train.map((i) => table.groups![i]) }, { features: EC2_FEATURES });
    const c7a = table.rows.map((_, i) => i).filter((i) => table.groups![i] === 'c7a');
    const before = model.predict(table.rows[c7a[3]], 'c7a');
    model.adapt('c7a', table.rows[c7a[0]], table.response[c7a[0]]);
    const after = model.predict(table.rows[c7a[3]], 'c7a');
    expect(after.upper80 / after.lower80).toBeLessThan(before.upper80 / before.lower80);
    expect(model.observationsOf('c7a')).toBe(1);
  });
});

describe('composite model on bad input', () => {
  const rows = [{ x: 1 }, { x: 2 }, { x: 4 }, { x: 8 }];

  it('rejects a zero, negative or NaN response naming the row', () => {
    expect(() => fitComposite({ rows, response: [1, 0, 3, 4] }, { features: ['x'] })).toThrow(/row 2: response 0/);
    expect(() => fitComposite({ rows, response: [1, 2, -3, 4] }, { features: ['x'] })).toThrow(ProfilingError);
    expect(() => fitComposite({ rows, response: [1, 2, 3, Number.NaN] }, { features: ['x'] })).toThrow(/row 4/);
  });

  it('rejects fewer than two rows with CORRAL_PROFILE_TOO_FEW_ROWS', () => {
    try {
      fitComposite({ rows: [{ x: 1 }], response: [1] }, { features: ['x'] });
      throw new Error('expected a failure');
    } catch (e) {
      expect((e as ProfilingError).code).toBe('CORRAL_PROFILE_TOO_FEW_ROWS');
    }
  });

  it('ignores constant columns and imputes missing values, never predicting NaN', () => {
    const model = fitComposite({ rows: rows.map((r) => ({ ...r, k: 5 })), response: [10, 5, 2.5, 1.3] }, { features: ['x', 'k'] });
    for (const row of [{ x: 3, k: 5 }, { x: Number.NaN, k: 5 }, {}, { x: -1 }]) {
      const p = model.predict(row);
      expect(Number.isFinite(p.seconds)).toBe(true);
      expect(Number.isFinite(p.stdev)).toBe(true);
      expect(p.lower80).toBeLessThanOrEqual(p.seconds);
      expect(p.upper80).toBeGreaterThanOrEqual(p.seconds);
    }
    expect(model.predict({ x: 16, k: 5 }).seconds).toBeLessThan(model.predict({ x: 1, k: 5 }).seconds);
  });

  it('predicts the same from one row as from a call\'s features plus an endpoint\'s', () => {
    const rows = table.rows.slice(0, 200);
    const model = fitComposite({ rows, response: table.response.slice(0, 200), groups: table.groups!.slice(0, 200) }, { features: EC2_FEATURES, maxTerms: 6 });
    for (const row of rows.slice(0, 20)) {
      const { vcpus, ...rest } = row;
      expect(model.predict({ vcpus }, 'g', rest)).toEqual(model.predict(row, 'g'));
    }
  });

  it('treats a string column as categorical', () => {
    const cat = [{ a: 'fast' }, { a: 'slow' }, { a: 'fast' }, { a: 'slow' }, { a: 'fast' }, { a: 'slow' }];
    const model = fitComposite({ rows: cat, response: [1, 10, 1.1, 9, 0.9, 11] }, { features: ['a'], lambda: 0.01 });
    expect(model.predict({ a: 'slow' }).seconds).toBeGreaterThan(5 * model.predict({ a: 'fast' }).seconds);
  });
});
