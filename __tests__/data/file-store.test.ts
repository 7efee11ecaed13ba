import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { DamagedDataError, DataRefError, FileStore, LostDataError, dataRefToJson, parseDataRef } from '../../sdk/data/index.js';

let dir: string;
let store: FileStore;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'corral-file-store-'));
  store = new FileStore({ name: 'scratch', path: dir, site: 'hpc' });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('FileStore on a temporary folder', () => {
  test('round-trips typed arrays and nested objects; the reference carries size, digest, site and producer', async () => {
    const value = { grid: new Float64Array(1000).map((_, i) => i / 7), meta: { name: 'run', tags: ['a', 'b'], at: new Date(0) }, mask: new Uint8Array([1, 0, 1]) };
    const ref = await store.put(value, { producer: 'c7' });
    expect(ref).toMatchObject({ store: 'scratch', site: 'hpc', producer: 'c7' });
    expect(ref.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    const file = store.pathOf(ref);
    expect(readFileSync(file).byteLength).toBe(ref.bytes);
    const back = await store.get(ref) as typeof value;
    expect(back.grid).toBeInstanceOf(Float64Array);
    expect(back).toEqual(value);
    expect(await store.has(ref)).toBe(true);
    expect(store.describe()).toEqual({ name: 'scratch', kind: 'file', site: 'hpc', location: dir });
  });

  test('a damaged object is detected on read: DamagedDataError names the ref and the path', async () => {
    const ref = await store.put(new Float64Array(4096).fill(2));
    const file = store.pathOf(ref);
    const bytes = readFileSync(file);
    bytes[bytes.byteLength - 3] ^= 0xff;
    writeFileSync(file, bytes);
    const error = await store.get(ref).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DamagedDataError);
    expect(error).toBeInstanceOf(LostDataError);
    expect(error).toMatchObject({ code: 'CORRAL_DATA_DAMAGED', retryable: false, where: file });
    expect((error as Error).message).toContain(ref.id);
    expect((error as Error).message).toContain(`differs from the expected ${ref.digest}`);
    truncateSync(file, 100);
    await expect(store.get(ref)).rejects.toThrow(`100 bytes, expected ${ref.bytes}`);
    expect(await store.has(ref)).toBe(false);
  });

  test('a missing object is a LostDataError naming the ref, its producer and the path', async () => {
    const ref = await store.put('hello', { producer: 'c3' });
    expect(await store.delete(ref)).toBe(true);
    expect(await store.delete(ref)).toBe(false);
    const error = await store.get(ref).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LostDataError);
    expect(error).not.toBeInstanceOf(DamagedDataError);
    expect((error as LostDataError).message).toBe(`data ${ref.id} (producer call c3) is lost: not in store "scratch" at ${store.pathOf(ref)}`);
    expect(error).toMatchObject({ code: 'CORRAL_DATA_LOST', retryable: false, ref });
  });

  test('a reference of another store is refused, not looked up', async () => {
    const other = new FileStore({ name: 'other', path: dir });
    const ref = await other.put(1);
    await expect(store.get(ref)).rejects.toThrow(DataRefError);
    await expect(store.get(ref)).rejects.toThrow(/belongs to another store: read it through store "other"/);
  });

  test('concurrent puts all land whole, and no temporary file is left behind', async () => {
    const values = Array.from({ length: 24 }, (_, i) => new Float32Array(2000).fill(i));
    const refs = await Promise.all(values.map((v, i) => store.put(v, { producer: `c${i}` })));
    expect(new Set(refs.map((r) => r.id)).size).toBe(24);
    const back = await Promise.all(refs.map((r) => store.get(r)));
    back.forEach((v, i) => expect(v).toEqual(values[i]));
    const files = readdirSync(dir, { recursive: true }).map(String);
    expect(files.filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(files.filter((f) => f.endsWith('.corral'))).toHaveLength(24);
  });

  test('a reference made by another node process on the shared path is read here through its journal JSON', async () => {
    const script = `
      import { FileStore, dataRefToJson } from './sdk/data/index.ts';
      const store = new FileStore({ name: 'scratch', path: process.argv[1], site: 'hpc' });
      const ref = await store.put({ x: new Float64Array([1.5, 2.5]), who: process.pid }, { producer: 'remote-c1' });
      console.log(JSON.stringify(dataRefToJson(ref)));
    `;
    const child = await execa('node', ['--import', 'tsx', '--input-type=module', '-e', script, dir], { cwd: fileURLToPath(new URL('../..', import.meta.url)) });
    const ref = parseDataRef(JSON.parse(child.stdout.trim()), 'child stdout');
    const back = await store.get(ref) as { x: Float64Array; who: number };
    expect(back.x).toEqual(new Float64Array([1.5, 2.5]));
    expect(back.who).not.toBe(process.pid);
    expect(dataRefToJson(ref).producer).toBe('remote-c1');
  });
});
