import { mkdtempSync, rmSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { FileStore, RedisStore, startLocalRedis, type Store } from '../sdk/data/index.js';
import type { Benchmark } from './benchmark.js';

/** Median milliseconds of `rounds` runs of `fn`. */
async function medianMs(rounds: number, fn: (round: number) => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t = performance.now();
    await fn(i);
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b)[Math.floor(rounds / 2)]!;
}

interface Pair { readonly put: number; readonly get: number }

/** put then get of `x` through a corral store (encode, digest, write; read, digest check, decode). */
async function throughStore(store: Store, x: Float64Array, rounds: number): Promise<Pair> {
  const refs: Awaited<ReturnType<Store['put']>>[] = [];
  const put = await medianMs(rounds, async () => { refs.push(await store.put(x)); });
  const get = await medianMs(rounds, async (i) => {
    const back = await store.get(refs[i]!) as Float64Array;
    if (back.length !== x.length) throw new Error('store returned a different array');
  });
  for (const ref of refs) await store.delete(ref);
  return { put, get };
}

/**
 * put/get of 1, 20 and 50 MB Float64Arrays through corral's FileStore and
 * RedisStore (a real redis-server on 127.0.0.1), against what a user would
 * otherwise write in the same run: fs.writeFile/readFile of the raw buffer,
 * and raw ioredis SET/GET of the buffer. corral adds its data format, a
 * sha256 digest checked on every read, fsync and rename (file) and chunked
 * MULTI writes (redis).
 */
export const dataStores: Benchmark = {
  suite: 'data',
  name: 'data-stores',
  async run({ quick }) {
    const sizesMB = quick ? [1, 20] : [1, 20, 50];
    const rounds = quick ? 3 : 5;
    const dir = mkdtempSync(join(tmpdir(), 'corral-bench-stores-'));
    const redis = await startLocalRedis();
    const raw = new Redis(redis.url);
    const file = new FileStore({ name: 'bench', path: join(dir, 'store') });
    const store = new RedisStore({ name: 'bench', url: redis.url });
    const metrics: Record<string, number> = {};
    let corralTotal = 0;
    let baselineTotal = 0;
    try {
      for (const mb of sizesMB) {
        const x = new Float64Array((mb * 1e6) / 8).map((_, i) => i * 0.5);
        const bytes = new Uint8Array(x.buffer);
        const fileCorral = await throughStore(file, x, rounds);
        const fileBase: Pair = {
          put: await medianMs(rounds, (i) => writeFile(join(dir, `raw-${i}.bin`), bytes)),
          get: await medianMs(rounds, async (i) => new Float64Array((await readFile(join(dir, `raw-${i}.bin`))).buffer)),
        };
        const redisCorral = await throughStore(store, x, rounds);
        const redisBase: Pair = {
          put: await medianMs(rounds, (i) => raw.set(`raw:${i}`, Buffer.from(x.buffer))),
          get: await medianMs(rounds, async (i) => new Float64Array(new Uint8Array(await raw.getBuffer(`raw:${i}`) ?? []).buffer)),
        };
        await raw.flushdb();
        for (const [name, corral, base] of [['file', fileCorral, fileBase], ['redis', redisCorral, redisBase]] as const) {
          metrics[`${name}${mb}MB_corralPutMs`] = corral.put;
          metrics[`${name}${mb}MB_corralGetMs`] = corral.get;
          metrics[`${name}${mb}MB_baselinePutMs`] = base.put;
          metrics[`${name}${mb}MB_baselineGetMs`] = base.get;
          metrics[`${name}${mb}MB_ratio`] = (base.put + base.get) / (corral.put + corral.get);
          corralTotal += corral.put + corral.get;
          baselineTotal += base.put + base.get;
        }
      }
    } finally {
      await store.close();
      raw.disconnect();
      await redis.stop();
      rmSync(dir, { recursive: true, force: true });
    }
    const ratio = baselineTotal / corralTotal;
    return {
      metrics: { ...metrics, corralTotalMs: corralTotal, baselineTotalMs: baselineTotal },
      ratio,
      ratioMeaning: 'raw I/O ms / corral store ms, put+get summed over sizes and stores (< 1: corral slower)',
      target: 'corral stores within 3x of raw fs / raw ioredis I/O of the same buffers (ratio >= 0.33)',
      met: ratio >= 1 / 3,
    };
  },
};
