import { rmSync } from 'node:fs';
import { execa } from 'execa';
import { BridgeProcess, DASK_PYTHON, startLocalDaskCluster, taskProgram, type BridgeResult, type LocalDaskCluster } from '../../../sdk/bridge/index.js';
import { decodeWire, encodeWire, ENTRY_PROTOCOL_VERSION, type EntryResponse } from '../../../sdk/graph/index.js';
import { bundleWarmTasks, warmSpec } from '../../bridge/fixtures/warm-spec.js';

// The bridge's dask engine against a real Dask scheduler and two workers on 127.0.0.1.
describe('batched submissions, results and programs through the bridge on a local Dask cluster', () => {
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
    // Installed once on every worker (a WorkerPlugin), not shipped with each task.
    expect(await bridge.request('define', { endpoint: 'batch', key, program, known: {} })).toEqual({ key, installedOnWorkers: true });
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

  it('installs a program on a Dask worker that joins after it was defined', async () => {
    const late = execa(DASK_PYTHON, ['-m', 'distributed.cli.dask_worker', cluster.address, '--nthreads', '1', '--no-nanny', '--host', '127.0.0.1',
      '--dashboard-address', '127.0.0.1:0', '--name', 'late'], { reject: false, stdin: 'ignore', stdout: 'ignore', stderr: 'ignore', cleanup: true });
    try {
      const workers = async () => Number((await bridge.request('status', { endpoint: 'batch' })).workers);
      for (let i = 0; i < 300 && await workers() !== 3; i++) await new Promise((r) => setTimeout(r, 100));
      expect(await workers()).toBe(3);
      for (const w of cluster.workers) w.kill('SIGKILL');
      for (let i = 0; i < 300 && await workers() !== 1; i++) await new Promise((r) => setTimeout(r, 100));
      expect(await workers()).toBe(1);
      const specs = Array.from({ length: 4 }, () => warmSpec('whoami', [], bundle));
      const { key } = taskProgram(specs[0]!.locator);
      const results = new Map<string, BridgeResult>();
      const all = new Promise<void>((resolve) => {
        bridge.on('result', (r: BridgeResult) => { if (specs.some((s) => s.attemptId === r.task)) results.set(r.task, r); if (results.size === specs.length) resolve(); });
      });
      await bridge.request('submit', {
        endpoint: 'batch',
        tasks: specs.map((s) => ({ task: s.attemptId, program: key, request: JSON.stringify({ protocol: ENTRY_PROTOCOL_VERSION, locator: s.locator, args: encodeWire([]) }), timeoutS: null })),
      });
      await all;
      for (const s of specs) {
        const response = JSON.parse(results.get(s.attemptId)!.run!.response!) as EntryResponse;
        expect(response.ok).toBe(true);
        expect((decodeWire((response as { value: unknown }).value) as number[])[1]).toBe(late.pid);
      }
    } finally {
      late.kill('SIGKILL');
      await late;
    }
  }, 120_000);
});
