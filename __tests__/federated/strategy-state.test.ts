// Server-optimiser state (FedAdam/FedYogi/FedAdagrad moments, FedAvgM velocity) is checkpointed
// with each round, so a resumed run continues exactly as an uninterrupted one.
import Database from 'better-sqlite3';
import { fileURLToPath } from 'node:url';
import { LocalEndpoint } from '../../sdk/endpoints/index.js';
import {
  createStrategy, FedAdam, RoundStore, runFederated, type FitResult, type StrategyState,
} from '../../sdk/federated/index.js';
import { toyJob } from '../fixtures/fl/toy-job.js';

const toyModule = fileURLToPath(new URL('../fixtures/fl/toy-clients.ts', import.meta.url));
const endpoints = [0, 1, 2].map((i) => new LocalEndpoint({ name: `state-${i}`, workers: 1 }));
afterAll(() => Promise.all(endpoints.map((e) => e.close())));

const specs = [{ target: 1 }, { target: 5, examples: 3 }, { target: -2 }];
const job = (strategy: string, rounds: number, db: Database.Database, runId: string) => ({
  ...toyJob(toyModule, endpoints, specs), strategy, rounds, checkpoint: { db, runId },
});
/** Arrays as plain number lists, whatever realm they were made in. */
const plain = (state: StrategyState | undefined) => Object.fromEntries(Object.entries(state ?? {}).map(([k, v]) => [k, typeof v === 'number' ? v : Array.from(v)]));

describe('strategy state in round checkpoints', () => {
  test('FedAdam state survives a RoundStore round trip and the next step matches an uninterrupted optimiser', () => {
    const db = new Database(':memory:');
    const store = new RoundStore(db);
    const fit = (w: number[]): FitResult => ({ client: { id: 'a', endpoint: 'e' }, weights: Float32Array.from(w), numExamples: 1, metrics: {} });
    const straight = new FedAdam({ eta: 0.1 });
    const before = new FedAdam({ eta: 0.1 });
    let w1: Float32Array = new Float32Array(2);
    let w2: Float32Array = new Float32Array(2);
    for (const round of [1, 2]) {
      w1 = straight.aggregate(round, [fit([1, -1])], w1);
      w2 = before.aggregate(round, [fit([1, -1])], w2);
    }
    store.save({ runId: 'r', round: 2, weights: w2, shapes: [[2]], metrics: {}, strategy: { name: before.name, state: before.saveState() }, at: 0 });
    const saved = store.last('r')!.strategy!;
    expect(saved.name).toBe('fedadam');
    expect(saved.state!.t).toBe(2);
    const after = new FedAdam({ eta: 0.1 });
    after.loadState(saved.state!);
    expect(plain(after.saveState())).toEqual(plain(straight.saveState()));
    expect(Array.from(after.aggregate(3, [fit([2, 0])], w2))).toEqual(Array.from(straight.aggregate(3, [fit([2, 0])], w1)));
  });

  test.each(['fedadam', 'fedyogi', 'fedadagrad', 'fedavgm'])('%s resumed after round 2 of 4 ends with the weights and state of an uninterrupted run', async (strategy) => {
    const db = new Database(':memory:');
    const straight = await runFederated(job(strategy, 4, db, 'straight'));
    await runFederated(job(strategy, 2, db, 'resumed'));
    const resumed = await runFederated(job(strategy, 4, db, 'resumed'));
    expect(resumed.resumedAfter).toBe(2);
    expect(Array.from(resumed.weights)).toEqual(Array.from(straight.weights));
    const store = new RoundStore(db);
    const a = store.last('straight')!.strategy!;
    const b = store.last('resumed')!.strategy!;
    expect(b.name).toBe(strategy);
    expect(plain(b.state)).toEqual(plain(a.state));
    expect(Object.keys(b.state!).length).toBeGreaterThan(0);

    // The same resume with the state thrown away (as before it was checkpointed) ends elsewhere: the test can tell.
    await runFederated(job(strategy, 2, db, 'amnesiac'));
    db.prepare("UPDATE fl_rounds SET strategy_state = NULL WHERE run_id = 'amnesiac'").run();
    const amnesiac = await runFederated(job(strategy, 4, db, 'amnesiac'));
    expect(Array.from(amnesiac.weights)).not.toEqual(Array.from(straight.weights));
  }, 120_000);

  test('stateless strategies checkpoint their name and no state', async () => {
    const db = new Database(':memory:');
    await runFederated(job('fedmedian', 1, db, 'median'));
    expect(new RoundStore(db).last('median')!.strategy).toEqual({ name: 'fedmedian' });
    expect(createStrategy('fedavg').saveState).toBeUndefined();
  });

  test('a database written before strategy state existed gains the columns', () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE fl_rounds (run_id TEXT NOT NULL, round INTEGER NOT NULL, weights BLOB NOT NULL, shapes TEXT NOT NULL, metrics TEXT NOT NULL, speeds TEXT, at INTEGER NOT NULL, PRIMARY KEY (run_id, round))');
    db.prepare('INSERT INTO fl_rounds VALUES (?, 1, ?, ?, ?, NULL, 0)').run('old', Buffer.alloc(8), '[[2]]', '{}');
    const store = new RoundStore(db);
    expect(store.last('old')).toMatchObject({ round: 1, shapes: [[2]] });
    expect(store.last('old')!.strategy).toBeUndefined();
    store.save({ runId: 'old', round: 2, weights: new Float32Array(2), shapes: [[2]], metrics: {}, strategy: { name: 'fedavgm', state: { velocity: Float64Array.from([0.5, -0.25]) } }, at: 1 });
    expect(plain(store.last('old')!.strategy!.state)).toEqual({ velocity: [0.5, -0.25] });
  });
});
