import v8 from 'node:v8';
import vm from 'node:vm';
import Database from 'better-sqlite3';
import type { EndpointDescription } from '../../sdk/endpoints/index.js';
import { ProfilePredictor, ProfileStore } from '../../sdk/profiling/index.js';
import { ec2Records } from './fixtures.js';

/** EC2 instance types as endpoints: vCPUs, clock, memory, GPUs and CoreMark as the calibration score. */
function endpoints(): { d: EndpointDescription; seconds: number; family: string }[] {
  return ec2Records().filter((r) => r.cpu_mhz !== '').map((r) => ({
    d: {
      name: r.instance_type, kind: 'simulated', workers: 1, transferGroup: 'aws',
      hardware: { cores: Number(r.vcpus), clockMHz: Number(r.cpu_mhz), memoryGiB: Number(r.memory_mb) / 1024, gpus: Number(r.gpus), calibration: Number(r.coremark_iter_per_s) },
    },
    seconds: Number(r.ffmpeg_elapsed_s),
    family: r.family,
  }));
}

const all = endpoints();
const unseenFamilies = new Set(['c7a', 'm6a', 'r8g', 'i7ie', 'c6in']);
const train = all.filter((e) => !unseenFamilies.has(e.family));
const test = all.filter((e) => unseenFamilies.has(e.family));

function mape(p: ProfilePredictor, rows: typeof all): number {
  return rows.reduce((s, e) => s + Math.abs(p.predict('ffmpeg', {}, e.d).seconds - e.seconds) / e.seconds, 0) / rows.length * 100;
}

describe('ProfilePredictor', () => {
  it('does not believe a model whose spread the runs do not show: three scattered millisecond runs are not days', () => {
    // What a first session records for a no-op task: a cold first call 25x slower than the next two.
    const local: EndpointDescription = { name: 'local', kind: 'local', workers: 2, transferGroup: 'local:vm', hardware: { cores: 2, memoryGiB: 24, clockMHz: 0, calibration: 1000 } };
    const p = new ProfilePredictor();
    p.describeEndpoint(local);
    for (const s of [0.000713, 0.00023, 0.0183]) p.observe({ taskId: 'Shapes.square', endpoint: 'local', features: { bytes: 8 }, runSeconds: s, outcome: 'ok' });
    const prediction = p.predict('Shapes.square', { bytes: 8 }, local);
    expect(prediction.stdev).toBeLessThan(1);
    expect(prediction.seconds).toBeLessThan(0.02);
  });

  it('answers the prior before any run, and never NaN', () => {
    const p = new ProfilePredictor({ priorSeconds: 7 });
    expect(p.predict('T', { bytes: 1 }, all[0].d)).toEqual({ seconds: 7, stdev: 7, source: 'prior' });
    p.observe({ taskId: 'T', endpoint: all[0].d.name, features: { bytes: 1 }, runSeconds: Number.NaN, outcome: 'ok' });
    p.observe({ taskId: 'T', endpoint: all[0].d.name, features: { bytes: 1 }, runSeconds: 3, outcome: 'error' });
    expect(p.predict('T', { bytes: 1 }, all[0].d).source).toBe('prior');
  });

  it('predicts endpoints a task never ran on from their hardware, better than the running mean', () => {
    const q = new ProfilePredictor();
    for (const e of all) q.describeEndpoint(e.d);
    for (const e of train) q.observe({ taskId: 'ffmpeg', endpoint: e.d.name, features: {}, runSeconds: e.seconds, outcome: 'ok' });
    const mean = train.reduce((s, e) => s + e.seconds, 0) / train.length;
    const baseline = test.reduce((s, e) => s + Math.abs(mean - e.seconds) / e.seconds, 0) / test.length * 100;
    const error = mape(q, test);
    expect(q.predict('ffmpeg', {}, test[0].d).source).toBe('model');
    expect(error).toBeLessThan(baseline / 2);
    expect(error).toBeLessThan(30);
    for (const e of test) {
      const r = q.predict('ffmpeg', {}, e.d);
      expect(Number.isFinite(r.seconds) && Number.isFinite(r.stdev) && r.seconds > 0).toBe(true);
    }
  });

  it('adapts to a new endpoint family from one observation', () => {
    const p = new ProfilePredictor({ refitGrowth: 100 });
    for (const e of all) p.describeEndpoint(e.d);
    for (const e of train) p.observe({ taskId: 'ffmpeg', endpoint: e.d.name, features: {}, runSeconds: e.seconds, outcome: 'ok' });
    const c7a = test.filter((e) => e.family === 'c7a');
    const before = p.predict('ffmpeg', {}, c7a[0].d);
    p.observe({ taskId: 'ffmpeg', endpoint: c7a[0].d.name, features: {}, runSeconds: c7a[0].seconds, outcome: 'ok' });
    const after = p.predict('ffmpeg', {}, c7a[0].d);
    expect(Math.abs(after.seconds - c7a[0].seconds)).toBeLessThan(Math.abs(before.seconds - c7a[0].seconds));
  });

  it('learns from the runs and endpoints already in the store', () => {
    const store = new ProfileStore(new Database(':memory:'));
    for (const e of all) store.saveEndpoint({ endpoint: e.d.name, hardware: e.d.hardware, calibration: e.d.hardware.calibration });
    for (const e of train.slice(0, 150)) store.record({ taskId: 'ffmpeg', endpoint: e.d.name, features: {}, runSeconds: e.seconds, outcome: 'ok' });
    const p = new ProfilePredictor({ store });
    expect(p.predict('ffmpeg', {}, test[0].d).source).toBe('model');
    expect(p.interval('ffmpeg', {}, test[0].d)!.upper80).toBeGreaterThan(p.interval('ffmpeg', {}, test[0].d)!.lower80);
  });

  it('uses input features too: time grows with input size on one endpoint', () => {
    const p = new ProfilePredictor();
    const d = all[0].d;
    for (const bytes of [1e3, 1e4, 1e5, 1e6, 1e7, 2e3, 3e5]) p.observe({ taskId: 'T', endpoint: d.name, features: { bytes }, runSeconds: 0.05 + bytes / 1e6, outcome: 'ok' });
    expect(p.predict('T', { bytes: 5e6 }, d).seconds).toBeGreaterThan(p.predict('T', { bytes: 5e3 }, d).seconds * 10);
  });

  it('keeps no record of every run: the features of a run older than twice the refit window are let go', async () => {
    const local: EndpointDescription = { name: 'local', kind: 'local', workers: 2, transferGroup: 'local:vm', hardware: { cores: 2, memoryGiB: 24, clockMHz: 0, calibration: 1000 } };
    const p = new ProfilePredictor({ window: 20 });
    p.describeEndpoint(local);
    const observe = (bytes: number) => p.observe({ taskId: 'Noop.noop', endpoint: 'local', features: { bytes }, runSeconds: 0.001 + bytes * 1e-6, outcome: 'ok' });
    const first = ((features) => {
      p.observe({ taskId: 'Noop.noop', endpoint: 'local', features, runSeconds: 0.001, outcome: 'ok' });
      return new WeakRef(features);
    })({ bytes: 1 });
    for (let i = 0; i < 200; i++) observe(i);
    // A WeakRef holds its target until the current job ends; then a full collection shows whether anything else does.
    await new Promise((resolve) => setImmediate(resolve));
    v8.setFlagsFromString('--expose-gc');
    (vm.runInNewContext('gc') as () => void)();
    expect(first.deref()).toBeUndefined();
    // What it learnt from the recent runs stays: the per-byte slope is still seen.
    expect(p.predict('Noop.noop', { bytes: 150 }, local).seconds).toBeCloseTo(0.001 + 150e-6, 4);
  });

  it('refits as runs double, not at every run: a session of 1,000 runs fits about log2(1000) times and each run still moves its endpoint', () => {
    const p = new ProfilePredictor();
    const d = all[0].d;
    const models = new Set<unknown>();
    let before = p.predict('T', { bytes: 1e3 }, d).seconds;
    let moved = 0;
    let beforeShift = 0;
    for (let i = 0; i < 1000; i++) {
      if (i === 500) beforeShift = before;
      const bytes = 1e3 * (1 + (i % 7));
      p.observe({ taskId: 'T', endpoint: d.name, features: { bytes }, runSeconds: (0.01 + bytes / 1e6) * (i >= 500 ? 3 : 1), outcome: 'ok' });
      const now = p.predict('T', { bytes: 1e3 }, d).seconds;
      if (now !== before) moved++;
      before = now;
      models.add(p.modelOf('T'));
    }
    models.delete(undefined);
    // Fits at 3, 6, 12, ... 768 runs; a 25% growth would have fitted 27 times.
    expect(models.size).toBeGreaterThanOrEqual(8);
    expect(models.size).toBeLessThanOrEqual(10);
    // Between fits, the runs that tripled in time moved the prediction up (offsets adapt at the next prediction).
    expect(moved).toBeGreaterThan(900);
    expect(p.predict('T', { bytes: 1e3 }, d).seconds).toBeGreaterThan(1.3 * beforeShift);
  });

  it('fits when a prediction is asked for, on the last `window` runs of the task', () => {
    const d = all[0].d;
    const observeAll = (p: ProfilePredictor) => {
      for (let i = 0; i < 400; i++) p.observe({ taskId: 'T', endpoint: d.name, features: { bytes: 10 + (i % 5) }, runSeconds: i < 350 ? 1 : 4, outcome: 'ok' });
    };
    const recent = new ProfilePredictor({ window: 50 });
    observeAll(recent);
    // Its one fit saw only the last 50 runs (all 4 s); the mean of all runs is 1.4 s.
    const prediction = recent.predict('T', { bytes: 12 }, d);
    expect(prediction.source).toBe('model');
    expect(prediction.seconds).toBeGreaterThan(3.5);
    const everything = new ProfilePredictor();
    observeAll(everything);
    expect(everything.predict('T', { bytes: 12 }, d).seconds).toBeLessThan(2);
  });
});
