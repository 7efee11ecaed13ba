import { join } from 'node:path';
import { Corral, DaskEndpoint, LocalEndpoint, type PlacementPolicy } from '../../../sdk/index.js';
import { DASK_PYTHON, startLocalDaskCluster, type LocalDaskCluster } from '../../../sdk/bridge/index.js';
import { TransferModel } from '../../../sdk/placement/index.js';
import { dataMoves } from '../../../sdk/runtime/journal/index.js';
import { Arrays, chainSum } from '../../fixtures/tasks/arrays.js';
import { tempDir } from '../../runtime/helpers.js';

/** Runs Arrays.sum on `local` and everything else on `dask`, keeping the transfer seconds placement saw for sum on `local` and its input's bytes. */
function sumOnLocal(seen: Array<{ transferS: number; bytes: number }>): PlacementPolicy {
  return {
    name: 'sum-on-local',
    place: (ctx) => {
      if (ctx.task.taskId === 'Arrays.sum') seen.push({ transferS: ctx.candidates.find((c) => c.name === 'local')!.transferS, bytes: ctx.task.inputs![0]!.bytes });
      return { endpoint: ctx.task.taskId === 'Arrays.sum' ? 'local' : 'dask' };
    },
  };
}

// A real Dask scheduler and one worker on 127.0.0.1; a 2 MB array kept on it is read by a local call.
describe('the session\'s transfer model learns from the fetches it measures', () => {
  const n = 250_000;
  let cluster: LocalDaskCluster;
  beforeAll(async () => { cluster = await startLocalDaskCluster(1); }, 90_000);
  afterAll(async () => { await cluster?.stop(); }, 30_000);

  it('prices reading a Dask-kept array locally by the fetches measured so far: in this session, then in the next one from the journal', async () => {
    const journal = join(tempDir(), 'corral.db');
    const seen: Array<{ transferS: number; bytes: number }> = [];
    const open = () => Corral.open({
      endpoints: [new DaskEndpoint({ name: 'dask', address: cluster.address, python: DASK_PYTHON, workers: 1 }), new LocalEndpoint({ name: 'local', workers: 1 })],
      journal, policy: sumOnLocal(seen),
    });
    const site = `dask:${cluster.address}`;
    const here = new LocalEndpoint({ name: 'probe' }).describe().transferGroup;
    // What the session's model says after the given fetches (the runtime machine is where the local endpoint is):
    // with no transfer: block in endpoints.yaml, links are free until moves are measured.
    const unconfigured = () => new TransferModel({ latencyS: 0, bytesPerS: Number.POSITIVE_INFINITY });
    const expected = (fetches: ReturnType<typeof dataMoves>, bytes: number) =>
      unconfigured().observeAll(fetches.map((m) => ({ from: m.from, to: here, bytes: m.bytes, seconds: m.seconds! }))).seconds(bytes, site, here);
    const fetches: ReturnType<typeof dataMoves> = [];
    const first = await open();
    try {
      for (let run = 0; run < 2; run++) {
        expect(await first.run(Arrays, 'chain', '', n)).toBe(chainSum(n));
        const runFetches = dataMoves(first.journal, first.lastRunId!).filter((m) => m.from === site && m.to === 'client' && m.seconds !== null);
        expect(runFetches).toHaveLength(1);
        // Placement saw the model as it stood before this run's fetch.
        expect(seen[run]!.transferS).toBeCloseTo(expected(fetches, seen[run]!.bytes), 9);
        fetches.push(...runFetches);
      }
      expect(seen[0]!.transferS).toBe(0);
      expect(seen[1]!.transferS).not.toBeCloseTo(seen[0]!.transferS, 9);
    } finally {
      await first.close();
    }
    const second = await open();
    try {
      expect(await second.run(Arrays, 'chain', '', n)).toBe(chainSum(n));
      expect(seen[2]!.transferS).toBeCloseTo(expected(fetches, seen[2]!.bytes), 9);
    } finally {
      await second.close();
    }
  }, 180_000);
});
