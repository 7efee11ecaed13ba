import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { Corral, DaskEndpoint, LocalEndpoint, TaskFailedError, type PlacementPolicy, type RemoteTaskError } from '../../../sdk/index.js';
import { DASK_PYTHON, startLocalDaskCluster, type LocalDaskCluster } from '../../../sdk/bridge/index.js';
import { ClusterFaults } from '../../fixtures/tasks/cluster-faults.js';
import { remoteTaskSpec } from '../../bridge/fixtures/task-spec.js';

// Against real Dask schedulers and workers on 127.0.0.1; each test kills its own cluster.

/** Dask while it has not failed this call, else whatever else is left. */
const daskFirst: PlacementPolicy = {
  name: 'dask-first',
  place: (ctx) => ({ endpoint: (ctx.candidates.find((c) => c.name === 'dask') ?? ctx.candidates[0]!).name }),
};

async function started(dir: string, count = 1): Promise<void> {
  const until = Date.now() + 60_000;
  while (readdirSync(dir).length < count) {
    if (Date.now() > until) throw new Error(`fewer than ${count} calls started within 60 s`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('Dask endpoint faults', () => {
  let cluster: LocalDaskCluster | undefined;
  let dir: string;
  const open: Array<{ close(): Promise<void> }> = [];
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'corral-dask-faults-'));
    cluster = await startLocalDaskCluster(2);
  }, 90_000);
  afterEach(async () => {
    for (const o of open.splice(0)) await o.close();
    await cluster?.stop();
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('fails an attempt as offline, naming the cause, when every Dask worker dies (scheduler alive)', async () => {
    const endpoint = new DaskEndpoint({ name: 'cluster', address: cluster!.address, python: DASK_PYTHON, workers: 2, noWorkersTimeoutS: 2 });
    open.push(endpoint);
    const handle = endpoint.submit(remoteTaskSpec('marked', [dir, 600_000]));
    const outcome = handle.result.catch((x: unknown) => x);
    await started(dir);
    for (const w of cluster!.workers) w.kill('SIGKILL');
    const e = await outcome as RemoteTaskError;
    expect(e).toMatchObject({ code: 'CORRAL_REMOTE_DASK_NO_WORKERS', failure: 'offline', remoteName: 'DaskNoWorkers', endpoint: 'cluster' });
    expect(e.message).toMatch(/endpoint cluster: the Dask cluster at tcp:\/\/127\.0\.0\.1:\d+ has had no workers for \d+ s .*noWorkersTimeoutS=2/);
    const status = await endpoint.status() as { online: boolean; detail?: string };
    expect(status).toMatchObject({ online: false, totalWorkers: 0 });
    expect(status.detail).toMatch(/has no workers/);
  }, 120_000);

  it('fails over to another endpoint when every Dask worker dies mid-call', async () => {
    const corral = await Corral.open({
      endpoints: [
        new DaskEndpoint({ name: 'dask', address: cluster!.address, python: DASK_PYTHON, workers: 2, noWorkersTimeoutS: 2 }),
        new LocalEndpoint({ name: 'local', workers: 1, env: { CORRAL_TEST_MARKER: 'local' } }),
      ],
      policy: daskFirst, journal: join(dir, 'corral.db'), retryBackoffS: 0.01,
    });
    open.push(corral);
    const run = corral.run(ClusterFaults, 'hold', dir, 0, 1500);
    await started(dir);
    for (const w of cluster!.workers) w.kill('SIGKILL');
    expect(await run).toBe('local');
    const attempts = corral.journal.attempts(corral.lastRunId!);
    expect(attempts.map((a) => [a.attempt, a.endpoint, a.state])).toEqual([[1, 'dask', 'failed'], [2, 'local', 'done']]);
    expect(JSON.parse(attempts[0]!.error!)).toMatchObject({ name: 'DaskNoWorkers', failure: 'offline' });
  }, 120_000);

  it('fails an attempt as offline (not cancelled) when the scheduler dies, and retries it elsewhere', async () => {
    const corral = await Corral.open({
      endpoints: [
        new DaskEndpoint({ name: 'dask', address: cluster!.address, python: DASK_PYTHON, workers: 2 }),
        new LocalEndpoint({ name: 'local', workers: 1, env: { CORRAL_TEST_MARKER: 'local' } }),
      ],
      policy: daskFirst, journal: join(dir, 'corral.db'), retryBackoffS: 0.01,
    });
    open.push(corral);
    const run = corral.run(ClusterFaults, 'hold', dir, 0, 1500);
    await started(dir);
    cluster!.scheduler.kill('SIGKILL');
    expect(await run).toBe('local');
    const attempts = corral.journal.attempts(corral.lastRunId!);
    expect(attempts.map((a) => [a.attempt, a.endpoint, a.state])).toEqual([[1, 'dask', 'failed'], [2, 'local', 'done']]);
    const error = JSON.parse(attempts[0]!.error!) as { name: string; failure: string; message: string };
    expect(error).toMatchObject({ name: 'DaskSchedulerLost', failure: 'offline' });
    expect(error.message).toMatch(/scheduler at tcp:\/\/127\.0\.0\.1:\d+ was lost|scheduler at tcp:\/\/127\.0\.0\.1:\d+ is lost/);
  }, 120_000);

  it('fails a call without retries with a named error when the scheduler dies', async () => {
    const corral = await Corral.open({
      endpoints: [new DaskEndpoint({ name: 'dask', address: cluster!.address, python: DASK_PYTHON, workers: 2 })],
      journal: join(dir, 'corral.db'),
    });
    open.push(corral);
    const run = corral.run(ClusterFaults, 'holdOnce', dir, 0, 600_000).catch((x: unknown) => x);
    await started(dir);
    cluster!.scheduler.kill('SIGKILL');
    const e = await run as TaskFailedError;
    expect(e).toBeInstanceOf(TaskFailedError);
    expect(e).toMatchObject({ endpoint: 'dask', remoteName: 'DaskSchedulerLost' });
    expect(corral.journal.getRun(corral.lastRunId!)!.status).toBe('failed');
  }, 120_000);
});

describe('a script whose Dask scheduler is down', () => {
  const root = fileURLToPath(new URL('../../..', import.meta.url));
  const script = join(root, '__tests__/fixtures/scripts/dask-down-run.ts');

  /** An address where nothing listens: a port the OS just gave and took back. */
  async function deadAddress(): Promise<string> {
    const server = createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    await new Promise((r) => server.close(r));
    return `tcp://127.0.0.1:${port}`;
  }

  it.each([['without', ''], ['with', 'close']])('exits by itself after the run fails, %s Corral.close()', async (_, close) => {
    const dir = mkdtempSync(join(tmpdir(), 'corral-dask-down-'));
    try {
      // The bound is the kill timeout: a process still waiting on the engine is killed and the test fails.
      const child = await execa('node', [join(root, 'bin/corral.js'), 'run', '--no-build', '--journal', join(dir, 'corral.db'), script, await deadAddress(), dir, close], { cwd: root, reject: false, timeout: 90_000 });
      expect(child.isTerminated).toBe(false);
      expect(child.exitCode).toBe(0);
      expect(child.stdout).toMatch(/run failed: .*cannot run on any endpoint: dask: offline/);
      expect(child.stdout).toContain('script finished');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
