import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CorralError } from '../../sdk/errors/index.js';
import { DataLifetimes, FileStore, LostDataError, RedisStore, StoreUnavailableError, UntrackedDataError, type DataRef } from '../../sdk/data/index.js';

let dir: string;
let store: FileStore;
let lifetimes: DataLifetimes;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'corral-lifetimes-'));
  store = new FileStore({ name: 'local', path: dir, site: 'laptop' });
  lifetimes = new DataLifetimes((name) => (name === 'local' ? store : undefined));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const made = async (n = 1) => {
  const ref = await store.put(new Float64Array(1000).fill(n), { producer: `make-${n}` });
  lifetimes.track(ref);
  return ref;
};

describe('DataLifetimes on a real file store', () => {
  test('a dropped reference stays while a pending call needs it, and is deleted after the last one', async () => {
    const ref = await made();
    lifetimes.need(ref, 'c1');
    lifetimes.need(ref, 'c2');
    expect(await lifetimes.drop(ref)).toBe(false);
    expect(await lifetimes.done(ref, 'c1')).toBe(false);
    expect(lifetimes.consumers(ref)).toEqual(['c2']);
    expect(await store.has(ref)).toBe(true);
    expect(await lifetimes.done(ref, 'c2')).toBe(true);
    expect(await store.has(ref)).toBe(false);
    expect(lifetimes.live()).toEqual([]);
  });

  test('a reference the orchestrating code still holds outlives its consumers until the run ends', async () => {
    const ref = await made();
    lifetimes.need(ref, 'c1');
    expect(await lifetimes.done(ref, 'c1')).toBe(false);
    expect(await store.has(ref)).toBe(true);
    const summary = await lifetimes.endRun();
    expect(summary).toEqual({ released: [ref], kept: [], failed: [] });
    expect(await store.has(ref)).toBe(false);
  });

  test('cache: true keeps a reference past the end of the run (tracking it again with cache upgrades it)', async () => {
    const plain = await made(1);
    const cached = await made(2);
    lifetimes.track(cached, { cache: true });
    expect(await lifetimes.drop(cached)).toBe(false);
    const summary = await lifetimes.endRun();
    expect(summary.released).toEqual([plain]);
    expect(summary.kept).toEqual([cached]);
    expect(await store.has(cached)).toBe(true);
  });

  test('read gives the value, or LostDataError when the store no longer has it or is not open', async () => {
    const ref = await made(3);
    expect(((await lifetimes.read(ref)) as Float64Array)[999]).toBe(3);
    await store.delete(ref);
    await expect(lifetimes.read(ref)).rejects.toBeInstanceOf(LostDataError);
    const elsewhere: DataRef = { ...ref, store: 'gone' };
    const e = await lifetimes.read(elsewhere).catch((x: unknown) => x) as LostDataError;
    expect(e).toBeInstanceOf(LostDataError);
    expect(e.message).toBe(`data ${ref.id} (producer call make-3) is lost: store "gone" is not open in this run`);
  });

  test('endRun reports releases that failed (a redis store nobody listens on) instead of throwing', async () => {
    // Port 1 on loopback: nothing listens there, so every operation fails at once.
    const down = new RedisStore({ name: 'down', host: '127.0.0.1', port: 1, connectTimeoutS: 1, timeoutS: 2 });
    const ref: DataRef = { id: 'r1', bytes: 8, digest: `sha256:${'0'.repeat(64)}`, store: 'down', site: 'x' };
    const failing = new DataLifetimes(() => down);
    failing.track(ref);
    try {
      const summary = await failing.endRun();
      expect(summary.released).toEqual([]);
      expect(summary.failed).toHaveLength(1);
      expect(summary.failed[0]!.error).toBeInstanceOf(StoreUnavailableError);
    } finally {
      await down.close();
    }
  });

  test('need on a reference never tracked names it', async () => {
    const ref = await store.put(1);
    expect(() => lifetimes.need(ref, 'c1')).toThrow(`data ${ref.id} in store "local" is not tracked`);
  });

  test('need on a reference never tracked is a CorralError with a stable code, naming the reference, its store and the call', async () => {
    const ref = await store.put(1);
    const e = (() => { try { lifetimes.need(ref, 'c1'); } catch (x) { return x; } return undefined; })() as UntrackedDataError;
    expect(e).toBeInstanceOf(UntrackedDataError);
    expect(e).toBeInstanceOf(CorralError);
    expect(e).toMatchObject({ code: 'CORRAL_DATA_UNTRACKED', retryable: false, callId: 'c1', ref: { id: ref.id, store: 'local' } });
    expect(e.message).toContain('needed by call c1');
  });
});
