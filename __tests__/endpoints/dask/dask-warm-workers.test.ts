import { existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DaskEndpoint, type RemoteTaskError } from '../../../sdk/index.js';
import { endpointKind } from '../../../sdk/endpoints/index.js';
import { DASK_PYTHON, startLocalDaskCluster, type LocalDaskCluster } from '../../../sdk/bridge/index.js';
import { alive, bundleWarmTasks, runRecorder, warmSpec, type Whoami } from '../../bridge/fixtures/warm-spec.js';

// Against a real Dask scheduler and two single-thread workers on 127.0.0.1.
describe('warm node workers on a local Dask cluster', () => {
  let cluster: LocalDaskCluster;
  let endpoint: DaskEndpoint;
  let bundle: Awaited<ReturnType<typeof bundleWarmTasks>>;
  let recorder: ReturnType<typeof runRecorder>;

  beforeAll(async () => {
    bundle = await bundleWarmTasks();
    cluster = await startLocalDaskCluster(2);
    endpoint = new DaskEndpoint({ name: 'warm', address: cluster.address, python: DASK_PYTHON, workers: 2 });
    recorder = runRecorder(endpoint);
  }, 90_000);
  afterAll(async () => {
    recorder?.stop();
    await endpoint?.close();
    await cluster?.stop();
    if (bundle) rmSync(bundle.dir, { recursive: true, force: true });
  }, 30_000);

  it('runs many attempts on one node worker per Dask worker, importing each bundle once per worker', async () => {
    const daskPids = cluster.workers.map((w) => w.pid!);
    const done = [...await recorder.whoami(8, bundle), ...await recorder.whoami(8, bundle)];
    expect(done).toHaveLength(16);
    const byDaskWorker = new Map<number, Set<number>>();
    for (const d of done) byDaskWorker.set(d.ppid, (byDaskWorker.get(d.ppid) ?? new Set()).add(d.pid));
    for (const [ppid, pids] of byDaskWorker) {
      expect(daskPids).toContain(ppid);
      expect(pids.size).toBe(1);
    }
    const nodePids = new Set(done.map((d) => d.pid));
    expect(done.every((d) => d.run.warm && d.run.workerPid === d.pid)).toBe(true);
    // Cold start: paid by the attempt that started the worker and imported the bundle, by no other.
    const cold = done.filter((d) => d.run.imported);
    expect(cold).toHaveLength(nodePids.size);
    expect(cold.every((d) => d.run.coldStartSeconds! > 0 && d.timings.coldStartSeconds! > 0)).toBe(true);
    expect(done.filter((d) => !d.run.imported).every((d) => d.run.coldStartSeconds === 0)).toBe(true);
    // The bundle is written once per host under its hash.
    expect(existsSync(join(tmpdir(), 'corral-bundles', `${bundle.hash}.mjs`))).toBe(true);
  }, 120_000);

  it('replaces a node worker that crashes mid-attempt; only that attempt fails and the Dask worker survives', async () => {
    const crash = warmSpec('crash', [7], bundle);
    const [failed, others] = await Promise.all([
      endpoint.submit(crash).result.catch((x: unknown) => x) as Promise<RemoteTaskError>,
      recorder.whoami(4, bundle),
    ]);
    expect(failed).toMatchObject({ code: 'CORRAL_REMOTE_CRASH', failure: 'crash', endpoint: 'warm', taskId: 'WarmTasks.crash' });
    expect(failed.message).toMatch(/warm node worker \(pid \d+\) exited with code 7/);
    expect(others).toHaveLength(4);
    const dead = recorder.runs.get(crash.attemptId)!.workerPid!;
    expect(alive(dead)).toBe(false);
    expect(cluster.workers.every((w) => alive(w.pid!))).toBe(true);
    const after = await recorder.whoami(6, bundle);
    expect(after.map((d) => d.pid)).not.toContain(dead);
  }, 120_000);

  it('kills and replaces a node worker that hangs past the attempt\'s timeout', async () => {
    const hang = warmSpec('hang', [], bundle, 2);
    const failed = await endpoint.submit(hang).result.catch((x: unknown) => x) as RemoteTaskError;
    expect(failed).toMatchObject({ code: 'CORRAL_REMOTE_TIMEOUT', failure: 'timeout', endpoint: 'warm' });
    expect(failed.message).toMatch(/longer than 2s; its warm node worker \(pid \d+\) was killed/);
    const hung = recorder.runs.get(hang.attemptId)!.workerPid!;
    expect(alive(hung)).toBe(false);
    const after = await recorder.whoami(4, bundle);
    expect(after.map((d) => d.pid)).not.toContain(hung);
    expect(cluster.workers.every((w) => alive(w.pid!))).toBe(true);
  }, 120_000);

  it('kills a node worker that grows past its memory limit, and recycles workers after N attempts', async () => {
    const limited = new DaskEndpoint({ name: 'warm-limited', address: cluster.address, python: DASK_PYTHON, workers: 2, warm: { maxMemoryBytes: 150 * 1024 * 1024, recycleAfter: 3 } });
    const own = runRecorder(limited);
    try {
      const grow = warmSpec('grow', [400], bundle);
      const failed = await limited.submit(grow).result.catch((x: unknown) => x) as RemoteTaskError;
      expect(failed).toMatchObject({ code: 'CORRAL_REMOTE_WORKER_MEMORY', failure: 'crash', remoteName: 'WorkerOutOfMemory', endpoint: 'warm-limited' });
      expect(failed.message).toContain(`memory limit of ${150 * 1024 * 1024} bytes`);
      expect(alive(own.runs.get(grow.attemptId)!.workerPid!)).toBe(false);
      const done: Whoami[] = [];
      for (let i = 0; i < 7; i++) done.push(...await own.whoami(1, bundle));
      const perWorker = new Map<number, number>();
      for (const d of done) perWorker.set(d.pid, (perWorker.get(d.pid) ?? 0) + 1);
      expect(Math.max(...perWorker.values())).toBeLessThanOrEqual(3);
      expect(perWorker.size).toBeGreaterThanOrEqual(3);
      expect(done.every((d) => d.run.workerTasks! <= 3)).toBe(true);
    } finally {
      own.stop();
      await limited.close();
    }
  }, 120_000);
});

describe('warm options in endpoints.yaml', () => {
  it('accepts recycleAfter and maxMemoryBytes, or false, and names what is wrong otherwise', () => {
    const schema = endpointKind('dask')!.schema;
    expect(schema.safeParse({ address: 'tcp://h:1', warm: { recycleAfter: 500, maxMemoryBytes: 2 ** 31 } }).success).toBe(true);
    expect(schema.safeParse({ address: 'tcp://h:1', warm: false }).success).toBe(true);
    const zero = schema.safeParse({ address: 'tcp://h:1', warm: { recycleAfter: 0 } });
    expect(zero.success).toBe(false);
    expect(zero.error!.issues).toMatchObject([{ path: ['warm', 'recycleAfter'], message: 'must be positive' }]);
    expect(schema.safeParse({ address: 'tcp://h:1', warm: { recycle: 5 } }).success).toBe(false);
  });
});
