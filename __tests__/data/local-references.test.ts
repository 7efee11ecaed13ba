import { join } from 'node:path';
import { Corral, LocalEndpoint } from '../../sdk/index.js';
import { isDataRefJson } from '../../sdk/data/index.js';
import { dataSummary, decodeValue } from '../../sdk/runtime/journal/index.js';
import { Arrays, chainSum } from '../fixtures/tasks/arrays.js';
import { logLines, tempDir } from '../runtime/helpers.js';

// Real worker threads on this machine; results above the threshold stay in the runtime's store.
describe('results of local endpoints stay on the runtime machine as references', () => {
  const n = 100_000; // 800 KB per array, over the 64 KB default
  let dir: string;
  let corral: Corral;
  beforeAll(async () => {
    dir = tempDir('corral-data-');
    corral = await Corral.open({ endpoints: [new LocalEndpoint({ name: 'local', workers: 2 })], journal: join(dir, 'corral.db') });
  });
  afterAll(async () => { await corral?.close(); });

  it('journals references, not bytes, for large results, and values for small ones', async () => {
    const total = await corral.run(Arrays, 'chain', '', n);
    expect(total).toBe(chainSum(n));
    const calls = corral.journal.calls(corral.lastRunId!);
    expect(calls.map((c) => c.task_id)).toEqual(['Arrays.make', 'Arrays.scale', 'Arrays.sum']);
    const [made, scaled, summed] = calls.map((c) => decodeValue(c.result));
    expect(isDataRefJson(made)).toBe(true);
    expect(made).toMatchObject({ store: 'local', producer: calls[0]!.call_id });
    expect((made as { bytes: number }).bytes).toBeGreaterThan(n * 8);
    expect(isDataRefJson(scaled)).toBe(true);
    expect(calls[0]!.result!.byteLength).toBeLessThan(1000);
    expect(summed).toBe(chainSum(n));
  });

  it('gives the orchestrating code the value when it awaits a kept result, the same value each time', async () => {
    const out = await corral.run(Arrays, 'chainAwaitingMiddle', '', n);
    expect(out).toEqual({ total: chainSum(n), first: 2, length: n, same: true });
  });

  it('keeps a result whose task says keep: "client" in the journal as a value', async () => {
    await corral.run(Arrays, 'chainThroughClient', '', n);
    const calls = corral.journal.calls(corral.lastRunId!);
    const toClient = calls.filter((c) => c.task_id === 'Arrays.scaleToClient').map((c) => decodeValue(c.result));
    expect(toClient).toHaveLength(2);
    // The journal's realm differs from jest's: compare the tag, not the constructor.
    for (const v of toClient) expect(Object.prototype.toString.call(v)).toBe('[object Float64Array]');
  });

  it('keeps below-threshold results as values with keepAboveBytes raised, and runs a fan-in', async () => {
    const big = await Corral.open({ endpoints: [new LocalEndpoint({ name: 'local', workers: 2 })], journal: false, keepAboveBytes: 10 * n * 8 });
    try {
      const log = join(dir, 'fan.log');
      expect(await big.run(Arrays, 'fanIn', log, n, 3)).toBe(chainSum(n, 0) + chainSum(n, 1) + chainSum(n, 2));
      expect(logLines(log).filter((l) => l.startsWith('make'))).toHaveLength(3);
      const values = big.journal.calls(big.lastRunId!).map((c) => decodeValue(c.result));
      expect(values.filter((v) => isDataRefJson(v))).toHaveLength(0);
      // Local workers share the runtime's machine: nothing crossed to another site.
      expect(dataSummary(big.journal, big.lastRunId!).bytesThroughClient).toBe(0);
    } finally {
      await big.close();
    }
  });
});
