import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Corral, DaskEndpoint } from '../../../sdk/index.js';
import { DASK_PYTHON, startLocalDaskCluster, type LocalDaskCluster } from '../../../sdk/bridge/index.js';
import { ClusterFaults } from '../../fixtures/tasks/cluster-faults.js';

// Chaos on a real Dask cluster on 127.0.0.1: workers and then the scheduler are
// killed mid-run. The bound on how long a run may take to end is each test's
// own timeout: no call may be left waiting.

/** Errors an ended call may carry: every one names its cause. */
const NAMED = /^(DaskNoWorkers|DaskSchedulerLost|KilledWorker|NoEndpointError|TaskFailedError|RemoteTaskError|UpstreamFailedError)$/;

async function startedCount(dir: string, count: number): Promise<void> {
  const until = Date.now() + 60_000;
  while (readdirSync(dir).length < count) {
    if (Date.now() > until) throw new Error(`fewer than ${count} calls started within 60 s`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function expectEveryCallEnded(corral: Corral, runId: string): { done: number; failed: number } {
  const run = corral.journal.getRun(runId)!;
  expect(run.status).not.toBe('running');
  const calls = corral.journal.calls(runId).filter((c) => c.task_id === 'ClusterFaults.holdOnce');
  expect(calls.length).toBeGreaterThan(0);
  for (const call of calls) {
    expect(['done', 'failed']).toContain(call.state);
    if (call.state === 'failed') {
      const error = JSON.parse(call.error!) as { name: string; message: string };
      expect(error.name).toMatch(NAMED);
      expect(error.message).toMatch(/dask/i);
    }
  }
  return { done: calls.filter((c) => c.state === 'done').length, failed: calls.filter((c) => c.state === 'failed').length };
}

describe('chaos on a local Dask cluster', () => {
  let cluster: LocalDaskCluster | undefined;
  let dir: string;
  let corral: Corral | undefined;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'corral-dask-chaos-'));
    cluster = await startLocalDaskCluster(3);
  }, 90_000);
  afterEach(async () => {
    await corral?.close();
    corral = undefined;
    await cluster?.stop();
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  const open = () => Corral.open({
    endpoints: [new DaskEndpoint({ name: 'dask', address: cluster!.address, python: DASK_PYTHON, workers: 3 })],
    journal: join(dir, 'corral.db'),
  });

  it('every call ends, done or failed with a named error, when workers and then the scheduler are killed mid-run', async () => {
    corral = await open();
    const marks = mkdtempSync(join(dir, 'marks-'));
    const run = corral.run(ClusterFaults, 'many', marks, 12, 1500);
    await startedCount(marks, 3);
    cluster!.workers[0]!.kill('SIGKILL');
    await startedCount(marks, 5);
    cluster!.workers[1]!.kill('SIGKILL');
    await startedCount(marks, 6);
    cluster!.scheduler.kill('SIGKILL');
    const settled = await run;
    expect(settled).toHaveLength(12);
    const { done, failed } = expectEveryCallEnded(corral, corral.lastRunId!);
    expect(done + failed).toBe(12);
    expect(failed).toBeGreaterThan(0);
    expect(settled.filter((s) => s.status === 'rejected')).toHaveLength(failed);
  }, 180_000);

  it('a run whose Dask workers all die ends with every call failed as offline', async () => {
    corral = await open();
    const marks = mkdtempSync(join(dir, 'marks-'));
    const run = corral.run(ClusterFaults, 'many', marks, 6, 600_000);
    await startedCount(marks, 3);
    const killedAt = Date.now();
    for (const w of cluster!.workers) w.kill('SIGKILL');
    const settled = await run;
    // Reported, not asserted: how long a run with every Dask worker dead takes to end (noWorkersTimeoutS is 20 by default).
    console.log(`dask chaos: run with all Dask workers dead ended ${((Date.now() - killedAt) / 1000).toFixed(1)} s after the kill`);
    expect(settled.every((s) => s.status === 'rejected')).toBe(true);
    const { failed } = expectEveryCallEnded(corral, corral.lastRunId!);
    expect(failed).toBe(6);
    const errors = corral.journal.attempts(corral.lastRunId!).map((a) => JSON.parse(a.error!) as { name: string; failure: string });
    expect(errors.length).toBeGreaterThan(0);
    for (const e of errors) expect(e).toMatchObject({ name: 'DaskNoWorkers', failure: 'offline' });
  }, 180_000);
});
