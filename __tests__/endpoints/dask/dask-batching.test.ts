import { rmSync } from 'node:fs';
import { BridgeProcess, DASK_PYTHON, startLocalDaskCluster, taskProgram, type BridgeResult, type LocalDaskCluster } from '../../../sdk/bridge/index.js';
import { decodeWire, encodeWire, ENTRY_PROTOCOL_VERSION, type EntryResponse } from '../../../sdk/graph/index.js';
import { bundleWarmTasks, warmSpec } from '../../bridge/fixtures/warm-spec.js';

// The bridge's dask engine against a real Dask scheduler and two workers on 127.0.0.1.
describe('batched submissions and results through the bridge on a local Dask cluster', () => {
  let cluster: LocalDaskCluster;
  let bridge: BridgeProcess;
  let bundle: Awaited<ReturnType<typeof bundleWarmTasks>>;
  beforeAll(async () => {
    bundle = await bundleWarmTasks();
    cluster = await startLocalDaskCluster(2);
    bridge = await BridgeProcess.start({ python: DASK_PYTHON, log: () => undefined });
  }, 90_000);
  afterAll(async () => {
    await bridge?.shutdown(5);
    await cluster?.stop();
    if (bundle) rmSync(bundle.dir, { recursive: true, force: true });
  }, 30_000);

  it('sends a batch of one program to Dask in one call and returns every result', async () => {
    await bridge.request('open', { endpoint: 'batch', engine: 'dask', config: { address: cluster.address } });
    const specs = Array.from({ length: 40 }, () => warmSpec('whoami', [], bundle));
    const { key, program } = taskProgram(specs[0]!.locator);
    await bridge.request('define', { endpoint: 'batch', key, program, known: {} });
    const results = new Map<string, BridgeResult>();
    const all = new Promise<void>((resolve) => {
      bridge.on('result', (r: BridgeResult) => { results.set(r.task, r); if (results.size === specs.length) resolve(); });
    });
    const reply = await bridge.request('submit', {
      endpoint: 'batch',
      tasks: specs.map((s) => ({ task: s.attemptId, program: key, request: JSON.stringify({ protocol: ENTRY_PROTOCOL_VERSION, locator: s.locator, args: encodeWire([]) }), timeoutS: null })),
    });
    expect(reply).toEqual({ accepted: 40, engineCalls: 1 });
    await all;
    const pids = specs.map((s) => {
      const run = results.get(s.attemptId)!.run!;
      expect(run.kind).toBe('response');
      const response = JSON.parse(run.response!) as EntryResponse;
      expect(response.ok).toBe(true);
      return (decodeWire((response as { value: unknown }).value) as number[])[1]!;
    });
    expect(new Set(pids)).toEqual(new Set(cluster.workers.map((w) => w.pid)));
  }, 120_000);
});
