import { Redis } from 'ioredis';
import { DamagedDataError, LostDataError, RedisStore, StoreUnavailableError, startLocalRedis, type LocalRedis } from '../../sdk/data/index.js';

let redis: LocalRedis;
let raw: Redis;
let store: RedisStore;
beforeAll(async () => {
  redis = await startLocalRedis();
  raw = new Redis(redis.url);
  store = new RedisStore({ name: 'shared', url: redis.url, site: 'campus', chunkBytes: 4 * 2 ** 20 });
});
afterAll(async () => {
  await store?.close();
  raw?.disconnect();
  await redis?.stop();
});

describe('RedisStore on a real redis-server (127.0.0.1, free port)', () => {
  test.each([20, 50])('round-trips a %i MB Float64Array, in chunks', async (mb) => {
    const n = (mb * 1e6) / 8;
    const value = new Float64Array(n);
    for (let i = 0; i < n; i += 997) value[i] = i * 0.5;
    value[n - 1] = -1;
    const ref = await store.put(value, { producer: `make-${mb}` });
    expect(ref).toMatchObject({ store: 'shared', site: 'campus', producer: `make-${mb}` });
    expect(ref.bytes).toBeGreaterThanOrEqual(mb * 1e6);
    expect(await raw.hlen(store.keyOf(ref))).toBe(Math.ceil(ref.bytes / (4 * 2 ** 20)));
    const back = await store.get(ref) as Float64Array;
    expect(back).toBeInstanceOf(Float64Array);
    expect(back.length).toBe(n);
    // Compare as bytes: element-wise toEqual on millions of numbers is slow.
    expect(Buffer.compare(Buffer.from(back.buffer), Buffer.from(value.buffer))).toBe(0);
    expect(await store.delete(ref)).toBe(true);
    expect(await raw.exists(store.keyOf(ref))).toBe(0);
  });

  test('nested values round-trip; describe() never shows a password', async () => {
    const value = { rows: [new Int32Array([1, 2]), { label: 'x', at: new Date(5) }], map: new Map([['k', new Uint8Array([9])]]) };
    const ref = await store.put(value);
    expect(await store.get(ref)).toEqual(value);
    expect(await store.has(ref)).toBe(true);
    const secret = new RedisStore({ url: `redis://user:hunter2@127.0.0.1:${redis.port}/0` });
    expect(secret.describe().location).toBe(`redis at redis://***@127.0.0.1:${redis.port}/0`);
    await secret.close();
  });

  test('after the store is wiped, get is a LostDataError naming the ref, its producer and the key', async () => {
    const ref = await store.put(new Float64Array(1000).fill(3), { producer: 'c42' });
    await raw.flushdb();
    expect(await store.has(ref)).toBe(false);
    const error = await store.get(ref).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LostDataError);
    expect(error).toMatchObject({ code: 'CORRAL_DATA_LOST', retryable: false, ref });
    expect((error as Error).message).toBe(`data ${ref.id} (producer call c42) is lost: not in store "shared" at redis://127.0.0.1:${redis.port}/0 key corral:data:${ref.id}`);
  });

  test('a chunk changed or removed behind its back is a DamagedDataError', async () => {
    const ref = await store.put(new Uint8Array(9 * 2 ** 20).fill(1));
    const key = store.keyOf(ref);
    await raw.hset(key, '1', Buffer.alloc(4 * 2 ** 20, 2));
    await expect(store.get(ref)).rejects.toThrow(DamagedDataError);
    await expect(store.get(ref)).rejects.toThrow(/differs from the expected sha256:/);
    await raw.hdel(key, '2');
    await expect(store.get(ref)).rejects.toThrow(/damaged at .* key corral:data:.*: \d+ bytes, expected/);
    await store.delete(ref);
  });

  test('a server that is not there is a typed, retryable StoreUnavailableError, not a hang', async () => {
    const other = await startLocalRedis();
    const port = other.port;
    await other.stop(); // the port is now closed
    const down = new RedisStore({ name: 'down', host: '127.0.0.1', port, connectTimeoutS: 2, timeoutS: 5 });
    try {
      const error = await down.put(new Float64Array(10)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreUnavailableError);
      expect(error).toMatchObject({ code: 'CORRAL_STORE_UNAVAILABLE', retryable: true, store: 'down' });
      expect((error as Error).message).toMatch(new RegExp(`store "down" \\(redis at 127.0.0.1:${port}/0\\): put of data [\\w-]+ failed: .*ECONNREFUSED`));
    } finally {
      await down.close();
    }
  });

  test('a server stopped mid-use fails the next operations with StoreUnavailableError, not a hang', async () => {
    const own = await startLocalRedis();
    const s = new RedisStore({ name: 'midway', url: own.url, connectTimeoutS: 2, timeoutS: 5 });
    try {
      const ref = await s.put(new Float64Array(1e5).fill(1));
      expect(await s.has(ref)).toBe(true);
      await own.stop();
      for (const op of [() => s.get(ref), () => s.put('more'), () => s.has(ref), () => s.delete(ref)]) {
        const error = await op().catch((e: unknown) => e);
        expect(error).toBeInstanceOf(StoreUnavailableError);
        expect(error).toMatchObject({ retryable: true, store: 'midway' });
      }
    } finally {
      await s.close();
      await own.stop();
    }
  });

  test('a server that stops answering (SIGSTOP) fails the operation at its time bound, typed', async () => {
    const own = await startLocalRedis();
    const s = new RedisStore({ name: 'frozen', url: own.url, timeoutS: 1 });
    try {
      const ref = await s.put('before');
      process.kill(own.pid, 'SIGSTOP');
      const error = await s.get(ref).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreUnavailableError);
      expect((error as Error).message).toMatch(/get of data [\w-]+ failed: no answer within 1 s/);
    } finally {
      process.kill(own.pid, 'SIGCONT');
      await s.close();
      await own.stop();
    }
  });
});
