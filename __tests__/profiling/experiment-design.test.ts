import Database from 'better-sqlite3';
import { chooseExperiments, compareDesigns, planTaskExperiments, readProfileCsv, ProfileStore, ProfilingError } from '../../sdk/profiling/index.js';
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
    expect(plan.experiments).not.toContainEqual({ endpoint: 'laptop', features: { bytes: 1e6 } });
    expect(() => planTaskExperiments(new ProfileStore(new Database(':memory:')), 'T', { budget: 1 })).toThrow(ProfilingError);
  });
});
