import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CLIENT_SITE, DamagedDataError, FileStore, RedisStore, copyBetweenStores, startLocalRedis, type DataMove, type LocalRedis,
} from '../../sdk/data/index.js';

let redis: LocalRedis;
let dir: string;
const closing: Array<{ close(): Promise<void> }> = [];
beforeAll(async () => {
  redis = await startLocalRedis();
  dir = mkdtempSync(join(tmpdir(), 'corral-copy-'));
});
afterAll(async () => {
  for (const s of closing) await s.close();
  await redis?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const file = (name: string, site: string) => new FileStore({ name, site, path: join(dir, name) });
const campus = () => {
  const s = new RedisStore({ name: 'campus', site: 'campus', url: redis.url, keyPrefix: `copy-${Math.random()}:` });
  closing.push(s);
  return s;
};
// Compared as bytes: element-wise toEqual on a million numbers is slow.
const same = (x: Float64Array, y: Float64Array) => Buffer.compare(Buffer.from(x.buffer), Buffer.from(y.buffer)) === 0;
const value = () => new Float64Array(1_000_000).map((_, i) => i / 3);

describe('copyBetweenStores (real files, real redis-server on 127.0.0.1)', () => {
  test('two file stores this machine sees: copied file to file under the same id, one move', async () => {
    const a = file('a', 'site-a');
    const b = file('b', 'site-b');
    const ref = await a.put(value(), { producer: 'c1' });
    const moves: DataMove[] = [];
    const copied = await copyBetweenStores(ref, a, b, (m) => moves.push(m));
    expect(copied).toEqual({ ...ref, store: 'b', site: 'site-b' });
    expect(same(await b.get(copied) as Float64Array, value())).toBe(true);
    expect(moves).toHaveLength(1);
    expect(moves[0]).toMatchObject({ from: 'site-a', to: 'site-b', bytes: ref.bytes });
    expect(Object.keys(moves[0]!).sort()).toEqual(['bytes', 'from', 'seconds', 'to']);
    expect(moves[0]!.seconds).toBeGreaterThanOrEqual(0);
  });

  test('redis to a file store goes through the client: two moves, bytes counted twice', async () => {
    const from = campus();
    const to = file('hpc', 'hpc');
    const ref = await from.put(value());
    const moves: DataMove[] = [];
    const copied = await copyBetweenStores(ref, from, to, (m) => moves.push(m));
    expect(copied).toMatchObject({ id: ref.id, store: 'hpc', site: 'hpc', digest: ref.digest });
    expect(moves.map(({ from: f, to: t, bytes }) => ({ f, t, bytes }))).toEqual([
      { f: 'campus', t: CLIENT_SITE, bytes: ref.bytes }, { f: CLIENT_SITE, t: 'hpc', bytes: ref.bytes },
    ]);
    expect(same(await to.get(copied) as Float64Array, value())).toBe(true);
  });

  test('nothing moves when the target already holds the object', async () => {
    const from = campus();
    const to = file('again', 'again');
    const ref = await from.put(value());
    await copyBetweenStores(ref, from, to);
    const moves: DataMove[] = [];
    await copyBetweenStores(ref, from, to, (m) => moves.push(m));
    expect(moves).toEqual([]);
  });

  test('a damaged source is not copied on', async () => {
    const a = file('dmg-a', 'x');
    const b = file('dmg-b', 'y');
    const ref = await a.put(value());
    writeFileSync(a.pathOf(ref), Buffer.alloc(ref.bytes, 1));
    await expect(copyBetweenStores(ref, a, b)).rejects.toBeInstanceOf(DamagedDataError);
    expect(await b.has({ ...ref, store: 'dmg-b', site: 'y' })).toBe(false);
  });
});
