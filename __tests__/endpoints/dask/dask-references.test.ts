import { Corral, DaskEndpoint, LocalEndpoint, type PlacementPolicy } from '../../../sdk/index.js';
import { isDataRefJson } from '../../../sdk/data/index.js';
import { DASK_PYTHON, startLocalDaskCluster, type LocalDaskCluster } from '../../../sdk/bridge/index.js';
import type { CallInput } from '../../../sdk/placement/index.js';
import { dataMoves, dataSummary, decodeValue } from '../../../sdk/runtime/journal/index.js';
import { Arrays, chainSum } from '../../fixtures/tasks/arrays.js';

/** Places each task on the endpoint a table names, and keeps what placement was told about inputs. */
function byTask(table: Record<string, string>, fallback: string, seen: Map<string, readonly CallInput[]>): PlacementPolicy {
  return {
    name: 'by-task',
    place: (ctx) => {
      seen.set(ctx.task.callId, ctx.task.inputs ?? []);
      return { endpoint: table[ctx.task.taskId] ?? fallback, reason: 'test table' };
    },
  };
}

async function heldOnBridge(endpoint: DaskEndpoint): Promise<number> {
  const { process } = await endpoint.bridge.ready();
  return Number((await process.request('release', { endpoint: endpoint.name, refs: [] })).held);
}

// A real Dask scheduler and two workers on 127.0.0.1; arrays of 8 MB (about 10.7 MB on the wire).
describe('results kept on Dask workers: references between calls, lazy fetch, release', () => {
  const n = 1_000_000;
  let cluster: LocalDaskCluster;
  beforeAll(async () => { cluster = await startLocalDaskCluster(2); }, 90_000);
  afterAll(async () => { await cluster?.stop(); }, 30_000);

  it('passes results worker to worker: bytes through the client stay under 1% of the data', async () => {
    const dask = new DaskEndpoint({ name: 'dask', address: cluster.address, python: DASK_PYTHON, workers: 2 });
    const corral = await Corral.open({ endpoints: [dask], journal: false });
    try {
      expect(await corral.run(Arrays, 'chain', '', n)).toBe(chainSum(n));
      const runId = corral.lastRunId!;
      const [made, scaled] = corral.journal.calls(runId).map((c) => decodeValue(c.result));
      expect(isDataRefJson(made)).toBe(true);
      expect(made).toMatchObject({ store: 'dask:dask', site: `dask:${cluster.address}` });
      expect((scaled as { bytes: number }).bytes).toBeGreaterThan(n * 8);
      const { bytesThroughClient } = dataSummary(corral.journal, runId);
      expect(bytesThroughClient).toBeGreaterThan(0);
      expect(bytesThroughClient).toBeLessThan(0.01 * n * 8);
      // The run is over and nothing is cached: the bridge released the futures it held.
      expect(await heldOnBridge(dask)).toBe(0);
    } finally {
      await corral.close();
    }
  }, 180_000);

  it('fetches a kept result when the orchestrator awaits it, once however often it awaits', async () => {
    const dask = new DaskEndpoint({ name: 'dask', address: cluster.address, python: DASK_PYTHON, workers: 2 });
    const corral = await Corral.open({ endpoints: [dask], journal: false });
    try {
      const out = await corral.run(Arrays, 'chainAwaitingMiddle', '', n);
      expect(out).toEqual({ total: chainSum(n), first: 2, length: n, same: true });
      const fetches = dataMoves(corral.journal, corral.lastRunId!).filter((m) => m.to === 'client' && m.seconds !== null);
      expect(fetches).toHaveLength(1);
      expect(fetches[0]!.bytes).toBeGreaterThan(n * 8);
      expect(fetches[0]!.from).toBe(`dask:${cluster.address}`);
    } finally {
      await corral.close();
    }
  }, 180_000);

  it('tells placement where inputs live, and fetches once for a call on another endpoint', async () => {
    const seen = new Map<string, readonly CallInput[]>();
    const dask = new DaskEndpoint({ name: 'dask', address: cluster.address, python: DASK_PYTHON, workers: 2 });
    const corral = await Corral.open({
      endpoints: [dask, new LocalEndpoint({ name: 'local', workers: 1 })], journal: false,
      policy: byTask({ 'Arrays.sum': 'local' }, 'dask', seen),
    });
    try {
      expect(await corral.run(Arrays, 'chain', '', n)).toBe(chainSum(n));
      const calls = corral.journal.calls(corral.lastRunId!);
      const [make, scale, sum] = calls.map((c) => c.call_id);
      expect(calls.map((c) => c.endpoint)).toEqual(['dask', 'dask', 'local']);
      expect(seen.get(make!)).toEqual([{ bytes: 8, site: 'client' }, { bytes: 8, site: 'client' }]);
      const site = `dask:${cluster.address}`;
      expect(seen.get(scale!)).toEqual([expect.objectContaining({ site }), { bytes: 8, site: 'client' }]);
      expect(seen.get(sum!)![0]).toEqual({ bytes: expect.any(Number), site });
      expect(seen.get(sum!)![0]!.bytes).toBeGreaterThan(n * 8);
      const moves = dataMoves(corral.journal, corral.lastRunId!);
      const fetched = moves.filter((m) => m.from === site && m.to === 'client' && m.seconds !== null);
      expect(fetched).toHaveLength(1);
      expect(fetched[0]!.callId).toBe(sum);
    } finally {
      await corral.close();
    }
  }, 180_000);
});
