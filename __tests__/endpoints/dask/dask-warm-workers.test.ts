import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleModule } from '../../../codegen/index.js';
import { DaskEndpoint, type RemoteTaskError, type TaskLocator, type TaskSpec } from '../../../sdk/index.js';
import { DASK_PYTHON, startLocalDaskCluster, type BridgeResult, type LocalDaskCluster, type RunReport } from '../../../sdk/bridge/index.js';

const MODULE = fileURLToPath(new URL('../../bridge/fixtures/warm-tasks.ts', import.meta.url));
let next = 0;

function spec(member: string, args: unknown[], bundle: TaskLocator['bundle'], timeoutS?: number): TaskSpec {
  next += 1;
  return {
    attemptId: `warm-${process.pid}-${next}`, callId: `c${next}`, taskId: `WarmTasks.${member}`, attempt: 1, timeoutS,
    locator: { module: MODULE, kind: 'static', className: 'WarmTasks', member, bundle }, args,
  };
}

const alive = (pid: number) => { try { process.kill(pid, 0); return true; } catch { return false; } };

// Against a real Dask scheduler and two single-thread workers on 127.0.0.1.
describe('warm node workers on a local Dask cluster', () => {
  let cluster: LocalDaskCluster;
  let endpoint: DaskEndpoint;
  let dir: string;
  let bundle: { path: string; hash: string };
  const runs = new Map<string, RunReport>();
  const record = (r: BridgeResult) => { if (r.run) runs.set(r.task, r.run); };
  const whoami = async (ep: DaskEndpoint, n: number) => {
    const specs = Array.from({ length: n }, () => spec('whoami', [], bundle));
    const results = await Promise.all(specs.map((s) => ep.submit(s).result));
    return results.map((r, i) => ({ pid: (r.value as number[])[0]!, ppid: (r.value as number[])[1]!, run: runs.get(specs[i]!.attemptId)!, timings: r.timings }));
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'corral-warm-'));
    const built = await bundleModule(MODULE, { root: dir, outDir: dir });
    bundle = { path: join(dir, built.path), hash: built.hash };
    cluster = await startLocalDaskCluster(2);
    endpoint = new DaskEndpoint({ name: 'warm', address: cluster.address, python: DASK_PYTHON, workers: 2 });
    endpoint.bridge.on('result', record);
  }, 90_000);
  afterAll(async () => {
    endpoint?.bridge.off('result', record);
    await endpoint?.close();
    await cluster?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }, 30_000);

  it('runs many attempts on one node worker per Dask worker, importing each bundle once per worker', async () => {
    const daskPids = cluster.workers.map((w) => w.pid!);
    const done = [...await whoami(endpoint, 8), ...await whoami(endpoint, 8)];
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
    const crash = spec('crash', [7], bundle);
    const [failed, others] = await Promise.all([
      endpoint.submit(crash).result.catch((x: unknown) => x) as Promise<RemoteTaskError>,
      whoami(endpoint, 4),
    ]);
    expect(failed).toMatchObject({ code: 'CORRAL_REMOTE_CRASH', failure: 'crash', endpoint: 'warm', taskId: 'WarmTasks.crash' });
    expect(failed.message).toMatch(/warm node worker \(pid \d+\) exited with code 7/);
    expect(others).toHaveLength(4);
    const dead = runs.get(crash.attemptId)!.workerPid!;
    expect(alive(dead)).toBe(false);
    expect(cluster.workers.every((w) => alive(w.pid!))).toBe(true);
    const after = await whoami(endpoint, 6);
    expect(after.map((d) => d.pid)).not.toContain(dead);
  }, 120_000);

  it('kills and replaces a node worker that hangs past the attempt\'s timeout', async () => {
    const hang = spec('hang', [], bundle, 2);
    const failed = await endpoint.submit(hang).result.catch((x: unknown) => x) as RemoteTaskError;
    expect(failed).toMatchObject({ code: 'CORRAL_REMOTE_TIMEOUT', failure: 'timeout', endpoint: 'warm' });
    expect(failed.message).toMatch(/longer than 2s; its warm node worker \(pid \d+\) was killed/);
    const hung = runs.get(hang.attemptId)!.workerPid!;
    expect(alive(hung)).toBe(false);
    const after = await whoami(endpoint, 4);
    expect(after.map((d) => d.pid)).not.toContain(hung);
    expect(cluster.workers.every((w) => alive(w.pid!))).toBe(true);
  }, 120_000);

  it('kills a node worker that grows past its memory limit, and recycles workers after N attempts', async () => {
    const limited = new DaskEndpoint({ name: 'warm-limited', address: cluster.address, python: DASK_PYTHON, workers: 2, warm: { maxMemoryBytes: 150 * 1024 * 1024, recycleAfter: 3 } });
    limited.bridge.on('result', record);
    try {
      const grow = spec('grow', [400], bundle);
      const failed = await limited.submit(grow).result.catch((x: unknown) => x) as RemoteTaskError;
      expect(failed).toMatchObject({ code: 'CORRAL_REMOTE_WORKER_MEMORY', failure: 'crash', remoteName: 'WorkerOutOfMemory', endpoint: 'warm-limited' });
      expect(failed.message).toContain(`memory limit of ${150 * 1024 * 1024} bytes`);
      expect(alive(runs.get(grow.attemptId)!.workerPid!)).toBe(false);
      const done: Awaited<ReturnType<typeof whoami>> = [];
      for (let i = 0; i < 7; i++) done.push(...await whoami(limited, 1));
      const perWorker = new Map<number, number>();
      for (const d of done) perWorker.set(d.pid, (perWorker.get(d.pid) ?? 0) + 1);
      expect(Math.max(...perWorker.values())).toBeLessThanOrEqual(3);
      expect(perWorker.size).toBeGreaterThanOrEqual(3);
      expect(done.every((d) => d.run.workerTasks! <= 3)).toBe(true);
    } finally {
      limited.bridge.off('result', record);
      await limited.close();
    }
  }, 120_000);
});
