import Database from 'better-sqlite3';
import { ProfileStore, RunningMeanPredictor, recordAttempt, profileObserver, characteriseEndpoint, type ProfileAttempt } from '../../sdk/profiling/index.js';

describe('ProfileStore', () => {
  it('records attempts and answers per-task and per-endpoint queries', () => {
    const store = new ProfileStore(new Database(':memory:'));
    store.record({ taskId: 'T.a', endpoint: 'laptop', features: { bytes: 100 }, runSeconds: 2, queueSeconds: 0.5, coldStartSeconds: 1, outcome: 'ok' });
    store.record({ taskId: 'T.a', endpoint: 'laptop', features: { bytes: 200 }, runSeconds: 4, queueSeconds: 1.5, outcome: 'ok' });
    store.record({ taskId: 'T.a', endpoint: 'hpc', features: { bytes: 100, junk: Number.NaN }, outcome: 'error', failure: 'timeout' });
    store.record({ taskId: 'T.b', endpoint: 'hpc', features: {}, runSeconds: 9, outcome: 'ok' });
    expect(store.tasks()).toEqual([{ taskId: 'T.a', attempts: 3, endpoints: 2 }, { taskId: 'T.b', attempts: 1, endpoints: 1 }]);
    const [hpc, laptop] = store.summary('T.a');
    expect(laptop).toMatchObject({ endpoint: 'laptop', attempts: 2, ok: 2, meanRunSeconds: 3, minRunSeconds: 2, maxRunSeconds: 4, meanQueueSeconds: 1, meanColdStartSeconds: 1 });
    expect(hpc).toMatchObject({ endpoint: 'hpc', attempts: 1, ok: 0, meanRunSeconds: null });
    expect(store.attempts('T.a', { outcome: 'error' })[0]).toMatchObject({ endpoint: 'hpc', failure: 'timeout', features: { bytes: 100 } });
    expect(store.observedRuns('T.a').map((r) => r.runSeconds)).toEqual([2, 4]);
    expect(store.observedRuns()).toHaveLength(3);
  });

  it('records many attempts in multi-row inserts: every row, in order, features cleaned, the same as one at a time', () => {
    const many = new ProfileStore(new Database(':memory:'));
    const one = new ProfileStore(new Database(':memory:'));
    const attempts = Array.from({ length: 150 }, (_, i): ProfileAttempt => ({
      taskId: 'T.a', endpoint: i % 3 === 0 ? 'hpc' : 'laptop', runId: 'r1', callId: `c${i}`, attempt: 1,
      features: i === 7 ? { bytes: i, junk: Number.POSITIVE_INFINITY } : { bytes: i }, runSeconds: i + 1, queueSeconds: i / 10,
      outcome: i === 9 ? 'error' : 'ok', failure: i === 9 ? 'timeout' : undefined, recordedAt: 1_700_000_000_000 + i,
    }));
    many.recordMany(attempts);
    for (const a of attempts) one.record(a);
    const rows = many.attempts('T.a');
    expect(rows).toHaveLength(150);
    expect(rows.map((r) => r.callId)).toEqual(attempts.map((a) => a.callId));
    expect(rows[7]!.features).toEqual({ bytes: 7 });
    expect(rows[9]).toMatchObject({ outcome: 'error', failure: 'timeout', runSeconds: 10, queueSeconds: 0.9 });
    expect(rows).toEqual(one.attempts('T.a'));
    many.recordMany([]);
    expect(many.tasks()).toEqual([{ taskId: 'T.a', attempts: 150, endpoints: 2 }]);
  });

  it('creates its tables idempotently beside other tables of the same database', () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE runs (id TEXT)');
    new ProfileStore(db).record({ taskId: 'T', endpoint: 'e', features: {}, runSeconds: 1, outcome: 'ok' });
    const again = new ProfileStore(db);
    expect(again.observedRuns('T')).toHaveLength(1);
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((t) => t.name);
    expect(tables).toEqual(expect.arrayContaining(['runs', 'profile_attempts', 'profile_endpoints']));
  });

  it('keeps an endpoint\'s calibration across hardware updates', () => {
    const store = new ProfileStore(new Database(':memory:'));
    store.saveEndpoint({ endpoint: 'pi', hardware: { cores: 4, arch: 'arm64' }, transferGroup: 'home', calibration: 1234 });
    store.saveEndpoint({ endpoint: 'pi', hardware: { cores: 4, memoryGiB: 8, arch: 'arm64' } });
    expect(store.endpoint('pi')).toMatchObject({ hardware: { cores: 4, memoryGiB: 8 }, calibration: 1234 });
    expect(store.endpoint('nope')).toBeUndefined();
  });
});

describe('recordAttempt', () => {
  it('stores the endpoint timings and teaches the predictor from successful attempts only', () => {
    const store = new ProfileStore(new Database(':memory:'));
    const predictor = new RunningMeanPredictor();
    const timings = { submittedAt: 1000, startedAt: 2000, endedAt: 5000, queueSeconds: 1, transferInBytes: 64, cpuSeconds: 2.5, peakMemoryBytes: 1e6 };
    recordAttempt(store, predictor, { taskId: 'T', endpoint: 'e', features: { n: 3 }, outcome: 'ok', timings });
    recordAttempt(store, predictor, { taskId: 'T', endpoint: 'e', features: { n: 3 }, outcome: 'error', failure: 'crash', timings: { submittedAt: 6000 } });
    const [ok, failed] = store.attempts('T');
    // No runSeconds from the endpoint: the start and end stamps give 3 s.
    expect(ok).toMatchObject({ runSeconds: 3, queueSeconds: 1, transferInBytes: 64, cpuSeconds: 2.5, peakMemoryBytes: 1e6, outcome: 'ok', recordedAt: 5000 });
    expect(failed).toMatchObject({ outcome: 'error', failure: 'crash' });
    const p = predictor.predict('T', { n: 3 }, { name: 'e', kind: 'local', workers: 1, hardware: { cores: 1 }, transferGroup: 'g' });
    expect(p).toMatchObject({ seconds: 3, source: 'observed' });
  });

  it('profileObserver records what the runtime reports', () => {
    const store = new ProfileStore(new Database(':memory:'));
    profileObserver(store)({ runId: 'r1', callId: 'c1', taskId: 'T', endpoint: 'e', attempt: 1, features: { bytes: 5 }, inputBytes: 5, outcome: 'ok', timings: { submittedAt: 0, runSeconds: 0.25 } });
    expect(store.attempts('T')[0]).toMatchObject({ runId: 'r1', callId: 'c1', attempt: 1, runSeconds: 0.25, transferInBytes: 5 });
  });
});

describe('characteriseEndpoint', () => {
  it('measures an endpoint once and then reads the cached calibration', async () => {
    const store = new ProfileStore(new Database(':memory:'));
    let measured = 0;
    const measure = () => { measured += 1; return 5000; };
    const d = { name: 'box', hardware: { cores: 8 }, transferGroup: 'lab' };
    expect((await characteriseEndpoint(store, d, measure)).calibration).toBe(5000);
    expect((await characteriseEndpoint(store, d, measure)).calibration).toBe(5000);
    expect(measured).toBe(1);
    expect(store.endpoint('box')).toMatchObject({ transferGroup: 'lab', calibration: 5000 });
  });
});
