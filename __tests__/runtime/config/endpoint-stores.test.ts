// endpoints.yaml's top-level `stores:` and per-endpoint `store:`: validated at
// file:line, opened by Corral.open for the endpoints that name them, closed
// with the session.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, Corral } from '../../../sdk/index.js';
import { parseEndpointsYaml } from '../../../sdk/runtime/index.js';
import { startLocalRedis, type LocalRedis } from '../../../sdk/data/index.js';
import { DASK_PYTHON } from '../../../sdk/bridge/index.js';

const EP = '6f3c1a52-9d0e-4d8e-8b7a-2f1e0c9d8b7a';
const dir = mkdtempSync(join(tmpdir(), 'corral-endpoint-stores-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const yaml = (stores: string, store = 'scratch', kind = `globus-compute\n    endpointId: ${EP}\n    python: ${DASK_PYTHON}`) => `stores:
${stores}
endpoints:
  laptop:
    kind: local
  hpc:
    kind: ${kind}
    store: ${store}
`;

function configError(text: string): ConfigError {
  try {
    parseEndpointsYaml(text, 'endpoints.yaml');
  } catch (e) {
    return e as ConfigError;
  }
  throw new Error('no error');
}

describe('endpoints.yaml stores: and store:', () => {
  test('parses stores by name and the store each endpoint names', () => {
    const spec = parseEndpointsYaml(yaml('  scratch: { connector: file, path: objects, site: hpc }\n  campus: { connector: redis, url: "redis://10.0.0.5:6379/0" }'), 'endpoints.yaml');
    expect(spec.stores).toEqual({ scratch: { connector: 'file', path: 'objects', site: 'hpc' }, campus: { connector: 'redis', url: 'redis://10.0.0.5:6379/0' } });
    expect(spec.entries.find((e) => e.common.name === 'hpc')).toMatchObject({ store: 'scratch', storeAt: { line: 11, column: 12 } });
    expect(spec.entries.find((e) => e.common.name === 'laptop')!.store).toBeUndefined();
  });

  test.each([
    ['  scratch: { connector: nfs, path: x }', 'scratch', /^endpoints\.yaml:2:\d+: stores\.scratch\.connector is "nfs", must be one of: file, redis, memory$/],
    ['  scratch: { connector: redis, port: 0 }', 'scratch', /^endpoints\.yaml:2:\d+: stores\.scratch\.port is 0, must be an integer 1\.\.65535$/],
    ['  scratch: { connector: file, path: x, name: other }', 'scratch', /stores\.scratch\.name is "other", must be "scratch" \(the store's key\) or left out/],
    ['  scratch: { connector: file, path: x }', 'scrach', /^endpoints\.yaml:10:12: endpoints\.hpc\.store \(got "scrach"\): must name a store of the top-level `stores:` \(known: scratch\)$/],
  ])('%s with store: %s is refused at its line', (stores, store, message) => {
    const e = configError(yaml(stores, store));
    expect(e).toBeInstanceOf(ConfigError);
    expect(e.code).toBe('CORRAL_CONFIG');
    expect(e.message).toMatch(message);
  });

  test('a store: without any stores: says none is defined', () => {
    const e = configError('endpoints:\n  hpc:\n    kind: local\n    store: x\n');
    expect(e.message).toBe('endpoints.yaml:4:12: endpoints.hpc.store (got "x"): must name a store of the top-level `stores:` (none is defined)');
  });
});

describe('Corral.open connects stores to endpoints (Globus Compute endpoint not contacted)', () => {
  let redis: LocalRedis;
  beforeAll(async () => { redis = await startLocalRedis(); });
  afterAll(async () => { await redis?.stop(); });
  const clients = async () => Number(/connected_clients:(\d+)/.exec(await redisInfo(redis))![1]);

  test('opens the redis store an endpoint names, and closes it with the session', async () => {
    const file = join(dir, 'ok.yaml');
    writeFileSync(file, yaml(`  campus: { connector: redis, url: "${redis.url}" }\n  unused: { connector: file, path: unused }`, 'campus'));
    const corral = await Corral.open({ endpoints: file, journal: join(dir, 'ok.db') });
    try {
      const hpc = corral.endpoints.find((e) => e.name === 'hpc')!;
      // The store is reachable through the endpoint's seam: a put lands in redis.
      const store = (hpc as unknown as { core: { dataStore: { put(v: unknown, p: string): Promise<{ store: string; site: string }>; reach: unknown } } }).core.dataStore;
      expect(store.reach).toMatchObject({ connector: 'redis', url: redis.url, keyPrefix: 'corral:data:' });
      const ref = await store.put(new Float64Array(4), 'c1');
      expect(ref).toMatchObject({ store: 'campus', site: `globus-compute:${EP}` });
      expect(await clients()).toBeGreaterThanOrEqual(2);
    } finally {
      await corral.close();
    }
    expect(await clients()).toBe(1); // only the INFO connection itself
  }, 60_000);

  test('a store: on an endpoint kind that cannot use one fails the open at the line of store:', async () => {
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, yaml(`  campus: { connector: redis, url: "${redis.url}" }`, 'campus', 'local'));
    await expect(Corral.open({ endpoints: file, journal: join(dir, 'bad.db') })).rejects.toThrow(
      new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:8:12: endpoints\\.hpc\\.store is "campus", but a local endpoint cannot pass data through a store \\(store: is for globus-compute endpoints\\)$`));
  });

  test('a memory store named by a remote endpoint is refused: it lives in this process', async () => {
    const file = join(dir, 'mem.yaml');
    writeFileSync(file, yaml('  mem: { connector: memory }', 'mem'));
    await expect(Corral.open({ endpoints: file, journal: join(dir, 'mem.db') })).rejects.toThrow(/endpoints\.hpc\.store names store "mem", a memory store, which lives in this process: a remote endpoint needs connector file \(a shared path\) or redis/);
  });
});

async function redisInfo(redis: LocalRedis): Promise<string> {
  const { Redis } = await import('ioredis');
  const client = new Redis(redis.url);
  try {
    return await client.info('clients');
  } finally {
    client.disconnect();
  }
}
