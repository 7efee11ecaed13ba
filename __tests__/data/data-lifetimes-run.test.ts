import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataLifetimes, FileStore, LostDataError, type Store } from '../../sdk/data/index.js';

let dir: string;
let store: FileStore;
let lifetimes: DataLifetimes;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'corral-lifetimes-'));
  store = new FileStore({ name: 'scratch', path: dir, site: 'hpc' });
  lifetimes = new DataLifetimes((name) => (name === 'scratch' ? store : undefined));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('DataLifetimes on a real file store', () => {
  test('a reference stays while a pending call needs it, and goes once dropped and free', async () => {
    const ref = await store.put(new Float64Array(1000), { producer: 'c1' });
    lifetimes.track(ref);
    lifetimes.need(ref, 'c2');
    lifetimes.need(ref, 'c3');
    expect(await lifetimes.drop(ref)).toBe(false);
    expect(await lifetimes.done(ref, 'c2')).toBe(false);
    expect(lifetimes.consumers(ref)).toEqual(['c3']);
    expect(await store.has(ref)).toBe(true);
    expect(await lifetimes.done(ref, 'c3')).toBe(true);
    expect(await store.has(ref)).toBe(false);
    expect(lifetimes.live()).toEqual([]);
  });

  test('endRun releases everything but cache: true references, which it reports as kept', async () => {
    const plain = await store.put('a'.repeat(100));
    const cached = await store.put('b'.repeat(100));
    lifetimes.track(plain);
    lifetimes.track(cached, { cache: true });
    lifetimes.need(plain, 'c9');
    const summary = await lifetimes.endRun();
    expect(summary.released.map((r) => r.id)).toEqual([plain.id]);
    expect(summary.kept.map((r) => r.id)).toEqual([cached.id]);
    expect(summary.failed).toEqual([]);
    expect(await store.has(plain)).toBe(false);
    expect(await store.get(cached)).toBe('b'.repeat(100));
  });

  test('tracking again with cache: true keeps it; a cached reference is never released by done', async () => {
    const ref = await store.put([1, 2, 3]);
    lifetimes.track(ref);
    lifetimes.track(ref, { cache: true });
    lifetimes.need(ref, 'c2');
    await lifetimes.drop(ref);
    expect(await lifetimes.done(ref, 'c2')).toBe(false);
    expect(await store.has(ref)).toBe(true);
  });

  test('a failed release is reported, not thrown', async () => {
    const failing: Store = Object.assign(Object.create(store) as Store, { delete: () => Promise.reject(new Error('disk gone')) });
    const broken = new DataLifetimes(() => failing);
    const ref = await store.put('x');
    broken.track(ref);
    const { failed, released } = await broken.endRun();
    expect(released).toEqual([]);
    expect(failed).toHaveLength(1);
    expect((failed[0]!.error as Error).message).toBe('disk gone');
  });

  test('read gives the value, or a LostDataError naming the store when it is not open or the object is gone', async () => {
    const ref = await store.put({ k: new Uint8Array([1, 2]) }, { producer: 'c4' });
    expect(await lifetimes.read(ref)).toEqual({ k: new Uint8Array([1, 2]) });
    await expect(lifetimes.read({ ...ref, store: 'elsewhere' })).rejects.toThrow(/store "elsewhere" is not open in this run/);
    rmSync(dir, { recursive: true, force: true });
    const lost = await lifetimes.read(ref).catch((e: unknown) => e) as LostDataError;
    expect(lost).toBeInstanceOf(LostDataError);
    expect(lost.code).toBe('CORRAL_DATA_LOST');
    expect(lost.message).toContain(`(producer call c4)`);
  });

  test('need on a reference never tracked names it', async () => {
    const ref = await store.put(1);
    expect(() => lifetimes.need(ref, 'c1')).toThrow(`data ${ref.id} in store "scratch" is not tracked`);
  });
});
