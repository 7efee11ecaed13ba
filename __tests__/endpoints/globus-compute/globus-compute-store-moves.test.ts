// Data that passes through Globus Compute endpoints' stores in a real session:
// copies between stores, puts of large arguments and reads of kept results are
// journaled in data_moves with their run, call, bytes and measured seconds
// (what the session's transfer model learns from), and a large result stays in
// its store until the orchestrator awaits it. Two endpoints on the stand-in
// globus_compute_sdk (the Globus cloud is unreachable here), one with a file
// store, one with a redis store on a real redis-server on 127.0.0.1.
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Corral, type PlacementPolicy } from '../../../sdk/index.js';
import { startLocalRedis, type LocalRedis } from '../../../sdk/data/index.js';
import { dataMoves, dataSummary, decodeValue, measuredMoves, type DataMove } from '../../../sdk/runtime/journal/index.js';
import { StoreFlow } from './fixtures/store-flow.js';
import { standinService, type StandinService } from './standin-service.js';

const HPC = '5e4d3c2b-1a09-4f8e-9d7c-6b5a4f3e2d1c';
const CLOUD = '0f1e2d3c-4b5a-4697-a8b9-cadbecfd0e1f';
const N = 2_500_000; // 20 MB of Float64
let service: StandinService;
let redis: LocalRedis;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'corral-gc-moves-'));
  service = standinService('corral-client', 'corral-test-secret-Moves7');
  service.setEndpoint(HPC, 'online', 2);
  service.setEndpoint(CLOUD, 'online', 2);
  service.exportCredentials();
  redis = await startLocalRedis();
}, 60_000);
afterAll(async () => {
  await redis?.stop();
  service?.remove();
  rmSync(dir, { recursive: true, force: true });
});

/** Places each task on the endpoint `where` names for it (else hpc). */
function byTask(where: Record<string, string>): PlacementPolicy {
  return { name: 'by-task', place: (ctx) => ({ endpoint: where[ctx.task.taskId] ?? 'hpc' }) };
}

async function session(policy: PlacementPolicy): Promise<{ corral: Corral; scratch: string }> {
  const scratch = mkdtempSync(join(dir, 'scratch-'));
  const file = join(mkdtempSync(join(dir, 'conf-')), 'endpoints.yaml');
  const database = join(dir, 'functions.db');
  writeFileSync(file, `stores:
  scratch: { connector: file, path: "${scratch}", site: hpc-site }
  campus: { connector: redis, url: "${redis.url}", keyPrefix: "moves:", site: campus-site }
endpoints:
${service.endpointYaml('hpc', HPC, { database, store: 'scratch' })}${service.endpointYaml('cloud', CLOUD, { database, store: 'campus' })}`);
  const corral = await Corral.open({ endpoints: file, policy, journal: join(dirname(file), 'corral.db') });
  return { corral, scratch };
}

const sha = (x: Float64Array) => createHash('sha256').update(new Uint8Array(x.buffer, x.byteOffset, x.byteLength)).digest('hex');

function made(n: number, seed: number): Float64Array {
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = (i % 1000) * seed;
  return values;
}

/** Objects left in a file store's folder. */
function objects(root: string): string[] {
  return readdirSync(root, { recursive: true }).map(String).filter((f) => f.endsWith('.corral'));
}

function callOf(corral: Corral, runId: string, task: string): string {
  return corral.journal.calls(runId).find((c) => c.task_id === task)!.call_id;
}

const timed = (m: DataMove) => m.seconds !== null && m.seconds > 0;

describe('Globus Compute stand-in: moves through stores are journaled', () => {
  it('a kept result copied from a redis store to another endpoint\'s file store is journaled with its run, call, ref and seconds, and the transfer model sees it', async () => {
    const { corral } = await session(byTask({ 'StoreFlow.make': 'cloud', 'StoreFlow.digest': 'hpc' }));
    try {
      const digest = await corral.run(StoreFlow, 'handOn', N);
      expect(digest).toBe(sha(made(N, 3)));
      const runId = corral.lastRunId!;
      const reader = callOf(corral, runId, 'StoreFlow.digest');
      const moves = dataMoves(corral.journal, runId).filter((m) => m.callId === reader && timed(m));
      // No two stores share a machine here: the copy goes through this process, two timed moves.
      expect(moves.map(({ from, to, viaClient }) => ({ from, to, viaClient }))).toEqual([
        { from: 'campus-site', to: 'client', viaClient: true }, { from: 'client', to: 'hpc-site', viaClient: true },
      ]);
      for (const m of moves) {
        expect(m.bytes).toBeGreaterThan(20_000_000);
        expect(m.refId).toMatch(/^[0-9a-f-]{36}$/);
      }
      // What a session opening this journal learns its links from.
      const learnt = measuredMoves(corral.journal).map(({ from, to }) => `${from}->${to}`);
      expect(learnt).toEqual(expect.arrayContaining(['campus-site->client', 'client->hpc-site']));
    } finally {
      await corral.close();
    }
  }, 180_000);

  it('a 20 MB argument put into the store and the kept result read back when awaited are journaled, timed, under the call', async () => {
    const { corral } = await session(byTask({}));
    const seen: DataMove[] = [];
    const stop = corral.onDataMove((m) => seen.push(m));
    try {
      const x = made(N, 1);
      const y = await corral.run(StoreFlow, 'scale', x, 2);
      expect(sha(y)).toBe(sha(x.map((v) => v * 2)));
      const runId = corral.lastRunId!;
      const call = callOf(corral, runId, 'StoreFlow.scale');
      const kept = decodeValue(corral.journal.calls(runId).find((c) => c.call_id === call)!.result) as { id: string };
      const moves = dataMoves(corral.journal, runId).filter(timed);
      // The argument goes in for the call; the result comes out for the orchestrator, which is no call.
      expect(moves.map(({ from, to, callId, refId }) => ({ from, to, callId, refId }))).toEqual([
        { from: 'client', to: 'hpc-site', callId: call, refId: undefined }, { from: 'hpc-site', to: 'client', callId: undefined, refId: kept.id },
      ]);
      for (const m of moves) expect(m.bytes).toBeGreaterThan(20_000_000);
      // Listeners hear what the journal records.
      expect(seen.filter(timed).map(({ from, to, bytes }) => ({ from, to, bytes }))).toEqual(moves.map(({ from, to, bytes }) => ({ from, to, bytes })));
    } finally {
      stop();
      await corral.close();
    }
  }, 180_000);
});

describe('Globus Compute stand-in: a large result stays in its store until awaited', () => {
  it('a 20 MB result passed on to a call on an endpoint reading the same store never crosses the client, and is released when the run ends', async () => {
    const { corral, scratch } = await session(byTask({}));
    try {
      expect(await corral.run(StoreFlow, 'handOn', N)).toBe(sha(made(N, 3)));
      const runId = corral.lastRunId!;
      // Only the two small payloads and answers crossed: not the array, neither way.
      expect(dataSummary(corral.journal, runId).bytesThroughClient).toBeLessThan(100_000);
      expect(dataMoves(corral.journal, runId).filter((m) => m.from === 'hpc-site' && m.to === 'client')).toEqual([]);
      const kept = decodeValue(corral.journal.calls(runId).find((c) => c.task_id === 'StoreFlow.make')!.result) as { store: string; bytes: number };
      expect(kept).toMatchObject({ $data: 'corral-data-ref/1', store: 'scratch' });
      expect(kept.bytes).toBeGreaterThan(20_000_000);
      expect(objects(scratch)).toEqual([]);
    } finally {
      await corral.close();
    }
  }, 180_000);

  it('the orchestrator awaiting the kept result twice reads it from the store once', async () => {
    const { corral } = await session(byTask({}));
    try {
      expect(await corral.run(StoreFlow, 'handOnAndLook', N)).toEqual({ digest: sha(made(N, 3)), first: 3, length: N });
      const reads = dataMoves(corral.journal, corral.lastRunId!).filter((m) => m.from === 'hpc-site' && m.to === 'client');
      expect(reads).toHaveLength(1);
      expect(reads[0]!.bytes).toBeGreaterThan(20_000_000);
      expect(reads[0]!.seconds).toBeGreaterThan(0);
    } finally {
      await corral.close();
    }
  }, 180_000);
});
