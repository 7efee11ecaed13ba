import Database from 'better-sqlite3';
import {
  chooseExperiments, compareDesigns, planExperiments, planTaskExperiments, readProfileCsv, DesignSpace, DEFAULT_DESIGN_SETTINGS, designSettingsGrid, describeSettings,
  ProfileStore, ProfilingError,
} from '../../sdk/profiling/index.js';
import { groupFolds, seededRandom } from '../../sdk/profiling/models/folds.js';
import { fixture } from './fixtures.js';

const FEATURES = ['vcpus', 'cpu_mhz', 'memory_mb', 'coremark_iter_per_s'];
const table = readProfileCsv(fixture('ec2-bench.csv'), { response: 'ffmpeg_elapsed_s', features: FEATURES, group: 'family' });
// Every third family keeps the test quick; the benchmark runs the whole set.
const families = [...new Set(table.groups)].filter((_, i) => i % 3 === 0);
const keep = table.rows.map((_, i) => i).filter((i) => families.includes(table.groups![i]));
const small = { rows: keep.map((i) => table.rows[i]), response: keep.map((i) => table.response[i]), groups: keep.map((i) => table.groups![i]) };

describe('experiment design on ec2-bench', () => {
  it('chooses distinct candidates, never one already observed', () => {
    const plan = chooseExperiments(small.rows, FEATURES, 8, [0, 1]);
    expect(plan).toHaveLength(8);
    expect(new Set(plan).size).toBe(8);
    expect(plan).not.toContain(0);
    expect(plan).not.toContain(1);
  });

  it('reaches a lower error with 6 chosen experiments than with 6 random ones (20 seeds)', () => {
    const curve = compareDesigns(small, FEATURES, { budget: 6, seeds: 20, folds: 3 });
    expect(curve.active.map((p) => p.n)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(curve.random).toHaveLength(6);
    expect(curve.active[5].mapePct).toBeLessThan(curve.random[5].mapePct);
  });
});

describe('design plan: space-filling start and stopping rule', () => {
  const space = new DesignSpace(small.rows, FEATURES);
  const distanceSum = (c: number) => space.X.reduce((s, x) => s + Math.hypot(...x.map((v, k) => v - space.X[c][k])), 0);

  it('starts at the medoid of the pool (the candidate with the smallest summed distance to all others)', () => {
    const { plan } = planExperiments(space, 3, { settings: { ...DEFAULT_DESIGN_SETTINGS, start: 1 } });
    const sums = space.X.map((_, c) => distanceSum(c));
    expect(sums[plan[0]]).toBeCloseTo(Math.min(...sums), 9);
  });

  it('the pool\'s mean predictive variance falls with every experiment, and noisier runs stop sooner', () => {
    const quiet = planExperiments(space, 20, { settings: { ...DEFAULT_DESIGN_SETTINGS, noise: 0.001 } });
    const noisy = planExperiments(space, 20, { settings: { ...DEFAULT_DESIGN_SETTINGS, noise: 0.2 } });
    for (const p of [quiet, noisy]) {
      p.meanVariance.slice(1).forEach((v, i) => expect(v).toBeLessThan(p.meanVariance[i]));
      expect(p.stopAt).toBeGreaterThanOrEqual(1);
      expect(p.stopAt).toBeLessThanOrEqual(20);
    }
    expect(noisy.stopAt).toBeLessThan(quiet.stopAt);
    expect(noisy.meanVariance[noisy.stopAt]).toBeLessThan(0.2);
  });
});

describe('nested design comparison across families', () => {
  const options = { budget: 4, seeds: 20, folds: 3, nested: true } as const;
  const curve = compareDesigns(small, FEATURES, options);

  it('reports both curves with 90% bands around the mean, and the settings each outer fold chose from the grid', () => {
    for (const arm of [curve.active, curve.random]) {
      expect(arm.map((p) => p.n)).toEqual([1, 2, 3, 4]);
      for (const p of arm) {
        expect(p.lowPct).toBeLessThanOrEqual(p.mapePct);
        expect(p.highPct).toBeGreaterThanOrEqual(p.mapePct);
        expect(p.highPct).toBeGreaterThan(p.lowPct);
      }
    }
    const grid = designSettingsGrid().map(describeSettings);
    expect(curve.folds).toHaveLength(3);
    for (const f of curve.folds) expect(grid).toContain(f.active);
    expect(curve.folds.reduce((s, f) => s + f.rows, 0)).toBe(small.rows.length);
    expect(curve.comparison!.activeMapePct).toBe(curve.active[3].mapePct);
    expect(curve.comparison!.shareActiveNoWorse).toBeGreaterThanOrEqual(0);
  });

  it('never tunes on the fold it scores: scaling the held-out fold\'s responses leaves its settings and plan unchanged', () => {
    const folds = groupFolds(small.groups, 3, seededRandom('design-1'));
    const scaled = { ...small, response: small.response.map((y, i) => (folds[i] === 0 ? y * 7 : y)) };
    const again = compareDesigns(scaled, FEATURES, { ...options, which: 'active' });
    expect(again.folds[0].active).toBe(curve.folds[0].active);
    expect(again.folds[0].stopAt).toBe(curve.folds[0].stopAt);
    // The scored fold did change, so its errors must differ: the check above is not vacuous.
    expect(again.active[3].mapePct).not.toBeCloseTo(curve.active[3].mapePct, 3);
  });
});

describe('planTaskExperiments', () => {
  it('proposes endpoint x input pairs not yet run, from what the store knows', () => {
    const store = new ProfileStore(new Database(':memory:'));
    for (const [name, cores, cal] of [['pi', 4, 1e4], ['laptop', 8, 5e4], ['hpc', 64, 9e4]] as const) {
      store.saveEndpoint({ endpoint: name, hardware: { cores }, calibration: cal });
    }
    store.record({ taskId: 'T', endpoint: 'laptop', features: { bytes: 1e6 }, runSeconds: 2, outcome: 'ok' });
    const plan = planTaskExperiments(store, 'T', { budget: 3, inputs: [{ bytes: 1e3 }, { bytes: 1e6 }, { bytes: 1e9 }] });
    expect(plan.candidates).toBe(9);
    expect(plan.observed).toBe(1);
    expect(plan.experiments).toHaveLength(3);
    expect(plan.stopAt).toBeGreaterThanOrEqual(1);
    expect(plan.stopAt).toBeLessThanOrEqual(3);
    expect(plan.experiments).not.toContainEqual({ endpoint: 'laptop', features: { bytes: 1e6 } });
    expect(() => planTaskExperiments(new ProfileStore(new Database(':memory:')), 'T', { budget: 1 })).toThrow(ProfilingError);
  });
});
