import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  FileStore, MemoryStore, RedisStore, StoreConfigError, checkStoreConfig, openStore, parseStoreConfig, startLocalRedis,
} from '../../sdk/data/index.js';

describe('store blocks (connector: file | redis | memory)', () => {
  test('valid blocks parse to their connector', () => {
    expect(parseStoreConfig({ connector: 'file', path: 'scratch', site: 'hpc' })).toEqual({ connector: 'file', path: 'scratch', site: 'hpc' });
    expect(parseStoreConfig({ connector: 'redis', url: 'redis://10.0.0.5:6379/2', chunkMiB: 4 })).toMatchObject({ connector: 'redis', chunkMiB: 4 });
    expect(parseStoreConfig({ connector: 'redis', host: 'cache', port: 6380, db: 3 })).toMatchObject({ host: 'cache', port: 6380, db: 3 });
    expect(parseStoreConfig({ connector: 'memory', limitMiB: 64 })).toEqual({ connector: 'memory', limitMiB: 64 });
  });

  test.each([
    [{ connector: 'ftp', path: 'x' }, 'connector', /is "ftp", must be one of: file, redis, memory/],
    [{ path: 'x' }, 'connector', /is undefined, must be one of/],
    [{ connector: 'file' }, 'path', /must be a folder path/],
    [{ connector: 'file', path: 'x', pth: 'y' }, 'pth', /is not a field of a file store \(allowed: connector, name, site, path\)/],
    [{ connector: 'redis', port: 70000 }, 'port', /is 70000, must be an integer 1\.\.65535/],
    [{ connector: 'redis', url: 'http://x' }, 'url', /must be a redis:\/\/ or rediss:\/\/ URL/],
    [{ connector: 'redis', url: 'redis://a:1/0', socket: '/tmp/r.sock' }, 'socket', /cannot be given with url/],
    [{ connector: 'redis', url: 'redis://a:1/0', db: 2 }, 'url', /holds port and db already/],
    [{ connector: 'redis', db: 16 }, 'db', /must be an integer 0\.\.15/],
    [{ connector: 'redis', passwordEnv: 'no-dash' }, 'passwordEnv', /name of an environment variable/],
    ['redis', '(block)', /is "redis", must be a mapping with connector: file \| redis \| memory/],
  ])('%j is refused at field %s', (raw, field, message) => {
    let error: unknown;
    try { parseStoreConfig(raw, 'endpoints.yaml stores.s'); } catch (e) { error = e; }
    expect(error).toBeInstanceOf(StoreConfigError);
    expect(error).toMatchObject({ code: 'CORRAL_STORE_CONFIG', where: 'endpoints.yaml stores.s', field });
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message.startsWith(`endpoints.yaml stores.s ${field}: `)).toBe(true);
  });

  test('checkStoreConfig reports without throwing', () => {
    expect(checkStoreConfig({ connector: 'redis', port: 0 })).toEqual({ ok: false, path: ['port'], value: 0, message: 'is 0, must be an integer 1..65535' });
  });
});

describe('openStore', () => {
  const dir = mkdtempSync(join(tmpdir(), 'corral-open-store-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('a file block opens a FileStore at the path relative to the base folder, named and sited from the context', async () => {
    const store = openStore(parseStoreConfig({ connector: 'file', path: 'objects' }), { name: 'scratch', site: 'hpc', baseDir: dir });
    expect(store).toBeInstanceOf(FileStore);
    expect(store.describe()).toEqual({ name: 'scratch', kind: 'file', site: 'hpc', location: join(dir, 'objects') });
    const ref = await store.put(new Float64Array([1, 2, 3]));
    expect(await store.get(ref)).toEqual(new Float64Array([1, 2, 3]));
  });

  test('a memory block with a limit spills to its spill path', async () => {
    const store = openStore(parseStoreConfig({ connector: 'memory', limitMiB: 1, spillPath: 'spill', site: 'laptop' }), { name: 'mem', site: 'x', baseDir: dir });
    expect(store).toBeInstanceOf(MemoryStore);
    expect(store.describe().site).toBe('laptop');
    const big = new Uint8Array(3 * 2 ** 20).fill(7);
    const ref = await store.put(big);
    expect((store as MemoryStore).usage()).toMatchObject({ spilledObjects: 1, memoryObjects: 0 });
    expect(existsSync(join(dir, 'spill'))).toBe(true);
    expect(((await store.get(ref)) as Uint8Array)[12345]).toBe(7);
    await store.close();
  });

  test('a redis block opens a RedisStore on a real redis-server, with the password from the variable it names', async () => {
    const redis = await startLocalRedis();
    try {
      const store = openStore(parseStoreConfig({ connector: 'redis', url: redis.url, keyPrefix: 't:' }), { name: 'campus', site: 'campus', baseDir: dir });
      expect(store).toBeInstanceOf(RedisStore);
      expect((store as RedisStore).keyOf({ id: 'abc' })).toBe('t:abc');
      const ref = await store.put({ x: new Int16Array([4, 5]) });
      expect(await store.get(ref)).toEqual({ x: new Int16Array([4, 5]) });
      await store.close();
      expect(() => openStore(parseStoreConfig({ connector: 'redis', url: redis.url, passwordEnv: 'CORRAL_TEST_UNSET_PW' }), { name: 'c', site: 'c', baseDir: dir, where: 'endpoints.yaml stores.c', env: {} }))
        .toThrow('endpoints.yaml stores.c passwordEnv: names an environment variable that is not set');
    } finally {
      await redis.stop();
    }
  });
});
