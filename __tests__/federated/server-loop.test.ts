import { killAtRound } from './kill-at-round.js';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LocalEndpoint } from '../../sdk/endpoints/index.js';
import type { RunEvent } from '../../sdk/runtime/index.js';
import {
  ClientDataError, federatedJob, RoundStore, runFederated, TooFewClientsError, type FederatedJob,
} from '../../sdk/federated/index.js';
import { ToyClients } from '../fixtures/fl/toy-clients.js';
import { toyJob, type ToyClientSpec } from '../fixtures/fl/toy-job.js';

const toyModule = fileURLToPath(new URL('../fixtures/fl/toy-clients.ts', import.meta.url));
const runner = fileURLToPath(new URL('../fixtures/fl/run-toy-job.ts', import.meta.url));
const endpoints = Array.from({ length: 5 }, (_, i) => new LocalEndpoint({ name: `toy-${i}`, workers: 1 }));
const dir = mkdtempSync(path.join(tmpdir(), 'corral-fl-'));
afterAll(async () => {
  await Promise.all(endpoints.map((e) => e.close()));
  rmSync(dir, { recursive: true, force: true });
});

const job = (specs: ToyClientSpec[], extra: Partial<FederatedJob> = {}): FederatedJob => ({ ...toyJob(toyModule, endpoints.slice(0, specs.length), specs), ...extra });
/** Each round every client moves halfway to its target, so FedAvg gives m·(1 − 0.5^r) with m the example-weighted mean target. */
const expected = (mean: number, rounds: number) => Math.fround(mean * (1 - 0.5 ** rounds));

describe('federated server loop over LocalEndpoints (toy @federated task)', () => {
  test('runs the rounds, averages by examples, emits fl:round with metrics', async () => {
    const events: RunEvent[] = [];
    const result = await runFederated(job(
      [{ target: 1 }, { target: 2 }, { target: 3, examples: 2 }, { target: 4, examples: 4 }],
      { rounds: 3, events: { emitEvent: (e) => events.push(e) }, runId: 'toy-ok' },
    ));
    const mean = (1 + 2 + 6 + 16) / 8;
    for (const v of result.weights) expect(v).toBeCloseTo(expected(mean, 3), 5);
    expect(result.rounds.map((r) => r.round)).toEqual([1, 2, 3]);
    expect(events.map((e) => e.type === 'fl:round' && [e.runId, e.round])).toEqual([['toy-ok', 1], ['toy-ok', 2], ['toy-ok', 3]]);
    const first = events[0] as Extract<RunEvent, { type: 'fl:round' }>;
    expect(first).toMatchObject({ strategy: 'fedavg', bytesMoved: 2 * 4 * 12 });
    expect(Object.keys(first.clientSeconds!)).toEqual(['c0', 'c1', 'c2', 'c3']);
    const m = result.rounds[0]!.metrics;
    expect(m).toMatchObject({ clientsSelected: 4, clientsAccepted: 4, clientsFailed: 0, clientsLate: 0, clientsRejected: 0, bytesDown: 4 * 12, bytesUp: 4 * 12 });
    expect(m['client.c3.seconds']).toBeGreaterThan(0);
    expect(m.trainLoss).toBeCloseTo((1 + 2 + 6 + 16) / 8, 5);
  }, 180_000);

  test('rejects NaN, wrong-shape and malformed updates and failed clients by name; the round continues', async () => {
    const result = await runFederated(job(
      [{ target: 2 }, { target: 4 }, { target: 9, behaviour: 'nan' }, { target: 9, behaviour: 'short' }, { target: 9, behaviour: 'throw' }],
      { rounds: 1, minClients: 2 },
    ));
    expect(result.weights[0]).toBeCloseTo(1.5, 6);
    const { metrics, dropped } = result.rounds[0]!;
    expect(metrics).toMatchObject({ clientsAccepted: 2, clientsRejected: 2, clientsFailed: 1 });
    expect(dropped.c2).toMatch(/client c2 on endpoint toy-2, round 1: weight 1 \(tensor 0 of shape \[3\], element 1\) is NaN/);
    expect(dropped.c3).toMatch(/client c3 on endpoint toy-3, round 1: returned 2 values; the global model has 3 values/);
    expect(dropped.c4).toMatch(/failed on endpoint toy-4: sensor on toy-4 is offline/);
    const more = await runFederated(job([{ target: 2 }, { target: 4 }, { target: 9, behaviour: 'wrong-shapes' }, { target: 9, behaviour: 'not-an-update' }], { rounds: 1, minClients: 2 }));
    expect(more.rounds[0]!.dropped.c2).toMatch(/returned weights of shapes \[\[3, 1\]\]; the global model has \[\[3\]\]/);
    expect(more.rounds[0]!.dropped.c3).toMatch(/returned number instead of \{ weights, numExamples, metrics \}/);
  });

  test('a client past the round deadline is dropped and its attempt cancelled', async () => {
    const result = await runFederated(job([{ target: 2 }, { target: 4 }, { target: 100, behaviour: 'sleep', sleepMs: 20_000 }], { rounds: 1, roundDeadlineS: 2 }));
    expect(result.weights[0]).toBeCloseTo(1.5, 6);
    expect(result.rounds[0]!.metrics).toMatchObject({ clientsLate: 1, clientsAccepted: 2 });
    expect(result.rounds[0]!.dropped.c2).toBe('missed the 2 s deadline');
    // The endpoint is free again: its worker was replaced, not left sleeping.
    expect((await endpoints[2]!.status()).idleWorkers).toBe(1);
  });

  test('fewer usable updates than minClients stops the run with the reasons; finished rounds stay checkpointed', async () => {
    const db = new Database(':memory:');
    await runFederated(job([{ target: 2 }, { target: 4 }, { target: 6 }], { rounds: 2, checkpoint: { db, runId: 'few' } }));
    const failing = job([{ target: 2 }, { target: 4, behaviour: 'throw' }, { target: 6, behaviour: 'nan' }], { rounds: 4, minClients: 2, checkpoint: { db, runId: 'few' } });
    const error = await runFederated(failing).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TooFewClientsError);
    expect((error as TooFewClientsError).code).toBe('CORRAL_FL_TOO_FEW_CLIENTS');
    expect((error as Error).message).toMatch(/^round 3: 1 usable updates, minClients is 2; dropped: c1 \(failed on endpoint toy-1: sensor on toy-1 is offline\); c2 \(client c2 on endpoint toy-2, round 3: weight 1/);
    const last = new RoundStore(db).last('few')!;
    expect(last.round).toBe(2);
    expect(last.weights[0]).toBeCloseTo(expected(4, 2), 6);
    await expect(runFederated(job([{ target: 1 }], { minClients: 2 }))).rejects.toThrow('minClients is 2 but the job has only 1 clients (c0)');
  });

  test('a checkpointed run resumes after its last finished round and ends where an uninterrupted run ends', async () => {
    const db = new Database(':memory:');
    const specs = [{ target: 2 }, { target: 6 }];
    const first = await runFederated(job(specs, { rounds: 2, checkpoint: { db, runId: 'resume' } }));
    expect(first.resumedAfter).toBe(0);
    const events: number[] = [];
    const second = await runFederated(job(specs, { rounds: 4, checkpoint: { db, runId: 'resume' }, events: { emitEvent: (e) => { if (e.type === 'fl:round') events.push(e.round); } } }));
    expect(second.resumedAfter).toBe(2);
    expect(events).toEqual([3, 4]);
    expect(second.rounds.map((r) => r.round)).toEqual([1, 2, 3, 4]);
    expect(second.weights[0]).toBeCloseTo(expected(4, 4), 6);
    expect(new RoundStore(db).rounds('resume').map((r) => r.round)).toEqual([1, 2, 3, 4]);
  });

  test('a run killed mid-way (SIGKILL) resumes from the database at the last finished round', async () => {
    const dbFile = path.join(dir, 'corral.db');
    const { ended, seen } = await killAtRound(runner, [dbFile, 'killed', '6'], 2);
    expect(ended.signal).toBe('SIGKILL');
    expect(seen).not.toContain('done');
    const db = new Database(dbFile);
    const finished = new RoundStore(db).last('killed')!.round;
    expect(finished).toBeGreaterThanOrEqual(2);
    expect(finished).toBeLessThan(6);
    const resumed = await runFederated({ ...toyJob(toyModule, endpoints.slice(0, 3), [1, 2, 3].map((target) => ({ target }))), rounds: 6, checkpoint: { db, runId: 'killed' } });
    expect(resumed.resumedAfter).toBe(finished);
    expect(resumed.weights[0]).toBeCloseTo(expected(2, 6), 5);
    db.close();
  }, 300_000);

  test('federatedJob reads @federated: locator, rounds, minClients, and names an endpoint without data', () => {
    const data = Object.fromEntries(endpoints.slice(0, 3).map((e, i) => [e.name, { dataset: 'toy', target: i, examples: 1 }]));
    const built = federatedJob(ToyClients, 'train', { endpoints: endpoints.slice(0, 3), data, initialWeights: { data: new Float32Array(3), shapes: [[3]] }, training: { epochs: 1, batchSize: 1, learningRate: 1 } });
    expect(built.locator).toEqual({ module: toyModule, kind: 'method', className: 'ToyClients', member: 'train' });
    expect(built).toMatchObject({ taskId: 'ToyClients.train', rounds: 3, minClients: 2, strategy: 'fedavg' });
    expect(built.clients.map((c) => [c.id, c.data])).toEqual(Object.entries(data));
    const missing = () => federatedJob(ToyClients, 'train', { endpoints: endpoints.slice(0, 4), data, initialWeights: { data: new Float32Array(3), shapes: [[3]] }, training: { epochs: 1, batchSize: 1, learningRate: 1 } });
    expect(missing).toThrow(ClientDataError);
    expect(missing).toThrow(/ToyClients.train: endpoint toy-3 has no data spec/);
  });
});
