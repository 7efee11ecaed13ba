// Arguments and results over Globus Compute's 10 MB cap go through the
// endpoint's store (a shared folder, or a real redis-server on 127.0.0.1)
// instead of being refused. Against the stand-in globus_compute_sdk
// (__tests__/fixtures/globus_compute_sdk), which enforces the same caps and
// runs tasks locally; the Globus cloud itself is unreachable from here.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleModule } from '../../../codegen/index.js';
import { DASK_PYTHON } from '../../../sdk/bridge/index.js';
import {
  FileStore, LostDataError, RedisStore, dataRefToJson, startLocalRedis, type DataMove, type LocalRedis, type Store, type StoreConfig,
} from '../../../sdk/data/index.js';
import { GlobusComputeEndpoint, type RemoteTaskError, type TaskDataRef, type TaskDataStore, type TaskSpec } from '../../../sdk/endpoints/index.js';
import { taskDataStoreOf } from '../../../sdk/runtime/index.js';
import { eventually } from './fixtures/eventually.js';
import { standinService, type StandinService } from './standin-service.js';

const EP = '3d2c1b0a-9f8e-4d7c-8b6a-5f4e3d2c1b0a';
const MODULE = fileURLToPath(new URL('./fixtures/data-tasks.ts', import.meta.url));
const N = 2_500_000; // 20 MB of Float64

let service: StandinService;
let redis: LocalRedis;
let dir: string;
let bundle: { path: string; hash: string };
let next = 0;
const open: Array<{ close(): Promise<void> }> = [];

function spec(member: string, args: unknown[]): TaskSpec {
  next += 1;
  return {
    attemptId: `data-${process.pid}-${next}`, callId: `call-${next}`, taskId: `DataTasks.${member}`, attempt: 1,
    locator: { module: MODULE, kind: 'method', className: 'DataTasks', member, bundle }, args,
  };
}

function endpoint(dataStore?: TaskDataStore): GlobusComputeEndpoint {
  const ep = new GlobusComputeEndpoint({ name: 'hpc', endpointId: EP, python: DASK_PYTHON, env: service.env, database: join(dir, 'corral.db'), dataStore });
  open.push(ep);
  return ep;
}

function sample(): Float64Array {
  const x = new Float64Array(N);
  for (let i = 0; i < N; i++) x[i] = i * 0.25 - 7;
  return x;
}

const sha = (x: Float64Array) => createHash('sha256').update(new Uint8Array(x.buffer, x.byteOffset, x.byteLength)).digest('hex');

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'corral-gc-store-'));
  const built = await bundleModule(MODULE, { root: dir, outDir: dir });
  bundle = { path: join(dir, built.path), hash: built.hash };
  service = standinService('corral-client', 'corral-test-secret-Store9');
  service.setEndpoint(EP, 'online', 2);
  service.exportCredentials();
  redis = await startLocalRedis();
}, 60_000);
afterEach(async () => { for (const o of open.splice(0).reverse()) await o.close(); });
afterAll(async () => {
  await redis?.stop();
  service?.remove();
  rmSync(dir, { recursive: true, force: true });
});

const stores: Record<string, () => { store: Store; config: StoreConfig }> = {
  file: () => {
    const path = mkdtempSync(join(dir, 'shared-'));
    return { store: new FileStore({ name: 'scratch', path, site: 'hpc' }), config: { connector: 'file', path } };
  },
  redis: () => ({
    store: new RedisStore({ name: 'campus', url: redis.url, site: 'campus', chunkBytes: 4 * 2 ** 20 }),
    config: { connector: 'redis', url: redis.url },
  }),
};

function connected(kind: string): { store: Store; seam: TaskDataStore } {
  const { store, config } = stores[kind]!();
  open.push(store);
  return { store, seam: taskDataStoreOf(store, config, new Map([[store.name, store]])) };
}

describe.each(['file', 'redis'])('Globus Compute stand-in with a %s store', (kind) => {
  it('sends a 20 MB Float64Array argument by reference and the task reads exactly its bytes', async () => {
    const { seam } = connected(kind);
    const puts: string[] = [];
    const ep = endpoint({ ...seam, put: async (v, p) => { const ref = await seam.put(v, p); puts.push(ref.id); return ref; } });
    const x = sample();
    const { value, timings } = await ep.submit(spec('digest', [x])).result;
    expect(value).toBe(sha(x));
    expect(puts).toHaveLength(1);
    // The submission itself stayed small: the bytes went through the store.
    expect(timings.transferInBytes).toBeLessThan(100_000);
  }, 120_000);

  it('brings a 20 MB result back through the store, both ways in one call, and leaves nothing behind', async () => {
    const { store, seam } = connected(kind);
    const refs: TaskDataRef[] = [];
    const ep = endpoint({
      ...seam,
      put: async (v, p) => { const ref = await seam.put(v, p); refs.push(ref); return ref; },
      get: async (ref) => { refs.push(ref); return seam.get(ref); },
    });
    const x = sample();
    const { value, timings } = await ep.submit(spec('scale', [x, 2])).result;
    const y = value as Float64Array;
    expect(y).toBeInstanceOf(Float64Array);
    expect(y.length).toBe(N);
    expect(sha(y)).toBe(sha(x.map((v) => v * 2)));
    expect(timings.transferOutBytes).toBeGreaterThan(20_000_000);
    expect(refs.map((r) => r.producer)).toEqual([expect.stringMatching(/^call-/), expect.stringMatching(/^call-/)]);
    // The attempt's stored argument and the result read back are released.
    expect(await eventually(async () => !(await store.has(refs[0] as never)) && !(await store.has(refs[1] as never)))).toBe(true);
  }, 120_000);

  it('a result with typed arrays inside an object comes back whole', async () => {
    const { seam } = connected(kind);
    const ep = endpoint(seam);
    const { value } = await ep.submit(spec('make', [N / 2, 3])).result;
    const { label, values } = value as { label: string; values: Float64Array };
    expect(label).toBe('sin x3');
    expect(values.length).toBe(N / 2);
    expect(values[12345]).toBe(Math.sin(12345 * 3));
  }, 120_000);

  it('an argument wiped from the store before the task reads it is a LostDataError naming the ref and the store', async () => {
    const { store, seam } = connected(kind);
    let id = '';
    const ep = endpoint({ ...seam, put: async (v, p) => { const ref = await seam.put(v, p); id = ref.id; await store.delete(ref as never); return ref; } });
    const e = await ep.submit(spec('digest', [sample()])).result.catch((x: unknown) => x) as LostDataError;
    expect(e).toBeInstanceOf(LostDataError);
    expect(e.code).toBe('CORRAL_DATA_LOST');
    expect(e.ref.id).toBe(id);
    expect(e.message).toContain(`data ${id}`);
    expect(e.message).toContain(`not in store "${store.name}"`);
    expect(e.message).toMatch(/read by task DataTasks\.digest .* on endpoint hpc/);
  }, 120_000);

  it('a result wiped from the store before the client reads it is a LostDataError naming the ref and the store', async () => {
    const { store, seam } = connected(kind);
    let id = '';
    const ep = endpoint({ ...seam, get: async (ref) => { id = ref.id; await store.delete(ref as never); return seam.get(ref); } });
    const e = await ep.submit(spec('scale', [sample(), 3])).result.catch((x: unknown) => x) as LostDataError;
    expect(e).toBeInstanceOf(LostDataError);
    expect(e.ref).toMatchObject({ id, store: store.name });
    expect(e.message).toContain(`data ${id}`);
    expect(e.message).toContain(`not in store "${store.name}"`);
  }, 120_000);
});

describe('Globus Compute stand-in, crossing sites', () => {
  it('a reference in another store is copied into the endpoint\'s store (through the client) and each copy recorded as a move', async () => {
    const campus = new RedisStore({ name: 'campus', url: redis.url, site: 'campus', keyPrefix: 'cross:' });
    const scratch = new FileStore({ name: 'scratch', path: mkdtempSync(join(dir, 'cross-')), site: 'hpc' });
    open.push(campus, scratch);
    const moves: DataMove[] = [];
    const all = new Map<string, Store>([['campus', campus], ['scratch', scratch]]);
    const ep = endpoint(taskDataStoreOf(scratch, { connector: 'file', path: scratch.root }, all, (m) => moves.push(m)));
    const x = sample();
    const ref = await campus.put(x, { producer: 'make-1' });
    const { value } = await ep.submit(spec('digest', [dataRefToJson(ref)])).result;
    expect(value).toBe(sha(x));
    expect(await scratch.has({ ...ref, store: 'scratch', site: 'hpc' })).toBe(true);
    expect(moves.map(({ from, to, bytes }) => ({ from, to, bytes }))).toEqual([
      { from: 'campus', to: 'client', bytes: ref.bytes }, { from: 'client', to: 'hpc', bytes: ref.bytes },
    ]);
  }, 120_000);
});

describe('Globus Compute stand-in whose workers lack the redis package', () => {
  it('runs small calls without touching the store, and names the missing package when a large one needs it', async () => {
    const fake = mkdtempSync(join(dir, 'no-redis-'));
    writeFileSync(join(fake, 'redis.py'), 'raise ImportError("no module named redis on this endpoint")\n');
    const { seam } = connected('redis');
    const ep = new GlobusComputeEndpoint({
      name: 'hpc', endpointId: EP, python: DASK_PYTHON, database: join(dir, 'corral.db'), dataStore: seam,
      env: { ...service.env, PYTHONPATH: `${fake}:${service.env.PYTHONPATH}` },
    });
    open.push(ep);
    const small = new Float64Array([1, 2, 3]);
    expect((await ep.submit(spec('digest', [small])).result).value).toBe(sha(small));
    const e = await ep.submit(spec('digest', [sample()])).result.catch((x: unknown) => x) as RemoteTaskError;
    expect(e.code).toBe('CORRAL_REMOTE_GC_TASK_EXECUTION_FAILED');
    expect(e.message).toContain('no module named redis on this endpoint');
  }, 120_000);
});

describe('Globus Compute stand-in without a store', () => {
  it('refuses a 20 MB argument before submission, naming the store: field and docs/data.md', async () => {
    const ep = endpoint();
    const e = await ep.submit(spec('digest', [sample()])).result.catch((x: unknown) => x) as RemoteTaskError;
    expect(e).toMatchObject({ code: 'CORRAL_REMOTE_PAYLOAD_TOO_LARGE', failure: 'payload' });
    expect(e.message).toMatch(/over the limit of 10000000 bytes per payload; give endpoint hpc a `store:` in endpoints\.yaml \(docs\/data\.md, "Stores for remote endpoints"\)/);
  });
});
