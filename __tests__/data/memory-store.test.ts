import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileStore, LostDataError, MemoryStore } from '../../sdk/data/index.js';

let dir: string;
beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'corral-memory-store-')); });
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const objects = () => readdirSync(dir, { recursive: true }).map(String).filter((f) => f.endsWith('.corral'));
const MB = 2 ** 20;

describe('MemoryStore spilling to a FileStore', () => {
  test('keeps values in memory under the limit, isolated from later changes of the caller', async () => {
    const store = new MemoryStore({ limitBytes: 4 * MB, spill: dir });
    const value = new Float64Array([1, 2, 3]);
    const ref = await store.put(value, { producer: 'c1' });
    value[0] = 99;
    expect(await store.get(ref)).toEqual(new Float64Array([1, 2, 3]));
    expect(store.usage()).toMatchObject({ memoryObjects: 1, spilledObjects: 0 });
    expect(objects()).toEqual([]);
    await store.close();
  });

  test('above the limit the least recently used spill to files and still read back', async () => {
    const store = new MemoryStore({ name: 'local', limitBytes: 2.5 * MB, spill: dir });
    const a = await store.put(new Float64Array(MB / 8).fill(1)); // 1 MiB each
    const b = await store.put(new Float64Array(MB / 8).fill(2));
    await store.get(a); // a is now more recent than b
    const c = await store.put(new Float64Array(MB / 8).fill(3));
    expect(store.usage()).toMatchObject({ memoryObjects: 2, spilledObjects: 1 });
    expect(objects()).toEqual([expect.stringContaining(b.id)]);
    expect(b.store).toBe('local');
    expect((await store.get(b) as Float64Array)[0]).toBe(2);
    expect((await store.get(a) as Float64Array)[0]).toBe(1);
    expect((await store.get(c) as Float64Array)[0]).toBe(3);
    expect(await store.has(b)).toBe(true);
    expect(store.usage().memoryBytes).toBeLessThanOrEqual(2.5 * MB);
    await store.close();
    expect(objects()).toEqual([]);
  });

  test('a value larger than the limit goes straight to a file; concurrent puts never exceed the limit', async () => {
    const store = new MemoryStore({ limitBytes: 1 * MB, spill: new FileStore({ name: 'spill', path: dir }) });
    const big = await store.put(new Uint8Array(3 * MB).fill(7));
    expect(store.usage()).toMatchObject({ memoryObjects: 0, spilledObjects: 1 });
    const refs = await Promise.all(Array.from({ length: 8 }, (_, i) => store.put(new Float32Array(65536).fill(i))));
    expect(store.usage().memoryBytes).toBeLessThanOrEqual(MB);
    expect(store.usage().spilledObjects).toBeGreaterThan(1);
    for (const [i, r] of refs.entries()) expect((await store.get(r) as Float32Array)[65535]).toBe(i);
    expect((await store.get(big) as Uint8Array).byteLength).toBe(3 * MB);
    await store.close();
  });

  test('a spilled file removed behind its back is a LostDataError naming the spill path; delete frees both places', async () => {
    const spill = new FileStore({ name: 'spill', path: dir });
    const store = new MemoryStore({ limitBytes: 1024, spill });
    const ref = await store.put(new Float64Array(1000), { producer: 'c9' });
    const file = objects()[0]!;
    rmSync(join(dir, file));
    const error = await store.get(ref).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LostDataError);
    expect((error as LostDataError).message).toContain(join(dir, file));
    expect((error as LostDataError).message).toContain('(producer call c9)');
    const kept = await store.put('small');
    expect(await store.delete(kept)).toBe(true);
    await expect(store.get(kept)).rejects.toThrow(LostDataError);
    expect(await store.has(kept)).toBe(false);
    await store.close();
  });

  test('spills under .corral/data/<name> of the working folder by default', async () => {
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      const store = new MemoryStore({ name: 'laptop', limitBytes: 10 });
      await store.put(new Float64Array(100));
      expect(readdirSync(join(dir, '.corral', 'data', 'laptop'), { recursive: true }).map(String).some((f) => f.endsWith('.corral'))).toBe(true);
      await store.close();
      expect(existsSync(join(dir, '.corral', 'data', 'laptop'))).toBe(true);
    } finally {
      process.chdir(cwd);
    }
  });
});
