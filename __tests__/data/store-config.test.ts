import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  FileStore, MemoryStore, RedisStore, StoreConfigError, checkStoreConfig, openStore, parseStoreConfig, startLocalRedis,
} from '../../sdk/data/index.js';

describe('store: blocks (parseStoreConfig, checkStoreConfig)', () => {
  test('accepts each kind with its fields', () => {
    expect(parseStoreConfig({ kind: 'file', path: '/scratch/me', site: 'hpc' })).toEqual({ kind: 'file', path: '/scratch/me', site: 'hpc' });
    expect(parseStoreConfig({ kind: 'redis', url: 'redis://10.0.0.5:6379/0', chunkMiB: 8 })).toMatchObject({ kind: 'redis', chunkMiB: 8 });
    expect(parseStoreConfig({ kind: 'memory', limitMiB: 64, spillPath: 'spill' })).toMatchObject({ kind: 'memory', limitMiB: 64 });
  });

  test.each([
    [{ kind: 'redis', port: 70000 }, 'port', /endpoints\.yaml store port: is 70000, must be an integer 1\.\.65535/],
    [{ kind: 's3', bucket: 'x' }, 'kind', /kind: is "s3", must be one of: file, redis, memory/],
    [{ kind: 'file', path: '/x', sites: 'hpc' }, 'sites', /sites: is not a field of a file store \(allowed: kind, name, site, path\)/],
    [{ kind: 'redis', url: 'redis://h:1/0', host: 'h' }, 'host', /host: cannot be given with url/],
    [{ kind: 'redis', url: 'redis://h:1/0', port: 2 }, 'url', /url: holds port and db already/],
    [{ kind: 'redis', passwordEnv: 'not a name' }, 'passwordEnv', /must be the name of an environment variable/],
    ['file', '(block)', /must be a mapping with kind: file \| redis \| memory/],
  ])('refuses %j naming the field %s, the value and what is allowed', (raw, field, message) => {
    const e = (() => { try { parseStoreConfig(raw, 'endpoints.yaml store'); } catch (x) { return x; } return undefined; })() as StoreConfigError;
    expect(e).toBeInstanceOf(StoreConfigError);
    expect(e.code).toBe('CORRAL_STORE_CONFIG');
    expect(e.field).toBe(field);
    expect(e.message).toMatch(message);
  });

  test('checkStoreConfig reports the problem without throwing', () => {
    expect(checkStoreConfig({ kind: 'memory', limitMiB: -1 })).toMatchObject({ ok: false, path: ['limitMiB'], value: -1 });
    expect(checkStoreConfig({ kind: 'memory' })).toEqual({ ok: true, config: { kind: 'memory' } });
  });
});

describe('openStore on real stores', () => {
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'corral-open-store-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('a file store under the config folder, named and sited by the context unless the block says', async () => {
    const store = openStore(parseStoreConfig({ kind: 'file', path: 'objects' }), { name: 'hpc', site: 'hpc-site', baseDir: dir });
    expect(store).toBeInstanceOf(FileStore);
    expect(store.describe()).toMatchObject({ name: 'hpc', kind: 'file', site: 'hpc-site', location: expect.stringContaining(join(dir, 'objects')) });
    const ref = await store.put(new Float64Array([1, 2]));
    expect(await store.get(ref)).toEqual(new Float64Array([1, 2]));
    const named = openStore(parseStoreConfig({ kind: 'file', path: '/abs', name: 'scratch', site: 'campus' }), { name: 'hpc', site: 'hpc-site', baseDir: dir });
    expect(named.describe()).toMatchObject({ name: 'scratch', site: 'campus' });
  });

  test('a memory store with its limit in MiB spills under the config folder', async () => {
    const store = openStore(parseStoreConfig({ kind: 'memory', limitMiB: 1, spillPath: 'spill' }), { name: 'mem', site: 'local', baseDir: dir }) as MemoryStore;
    expect(store).toBeInstanceOf(MemoryStore);
    expect(store.limitBytes).toBe(2 ** 20);
    const ref = await store.put(new Float64Array(2 ** 18)); // 2 MiB: straight to the spill folder
    expect(store.spillTarget().root).toBe(join(dir, 'spill'));
    expect(store.usage().spilledObjects).toBe(1);
    expect((await store.get(ref) as Float64Array).length).toBe(2 ** 18);
    await store.close();
  });

  test('a redis store reads its password from the named variable, and refuses an unset one', async () => {
    const redis = await startLocalRedis();
    try {
      const store = openStore(parseStoreConfig({ kind: 'redis', url: redis.url }), { name: 'cache', site: 'campus', baseDir: dir });
      expect(store).toBeInstanceOf(RedisStore);
      const ref = await store.put('hello');
      expect(await store.get(ref)).toBe('hello');
      await store.close();
      expect(() => openStore(parseStoreConfig({ kind: 'redis', url: redis.url, passwordEnv: 'CORRAL_TEST_UNSET_PASSWORD' }), { name: 'c', site: 's', baseDir: dir, where: 'endpoints.yaml store', env: {} }))
        .toThrow(/endpoints\.yaml store passwordEnv: names an environment variable that is not set/);
    } finally {
      await redis.stop();
    }
  });
});
