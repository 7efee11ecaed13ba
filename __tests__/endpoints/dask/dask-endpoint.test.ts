import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { Corral, DaskEndpoint, LocalEndpoint, type RemoteTaskError } from '../../../sdk/index.js';
import { endpointKind } from '../../../sdk/endpoints/index.js';
import { Files } from '../../../examples/tasks/files.js';
import { DASK_PYTHON, startLocalDaskCluster, type LocalDaskCluster } from '../../../sdk/bridge/index.js';
import { sourceStack } from '../../../sdk/runtime/source-stack.js';
import { bundleRemoteTasks, REMOTE_TASKS_MODULE, remoteTaskSpec } from '../../bridge/fixtures/task-spec.js';

// Against a real Dask scheduler and two single-thread workers on 127.0.0.1.
describe('DaskEndpoint on a local Dask cluster', () => {
  let cluster: LocalDaskCluster;
  let endpoint: DaskEndpoint;
  let bundle: Awaited<ReturnType<typeof bundleRemoteTasks>>;
  beforeAll(async () => {
    bundle = await bundleRemoteTasks();
    cluster = await startLocalDaskCluster(2);
    endpoint = new DaskEndpoint({ name: 'cluster', address: cluster.address, python: DASK_PYTHON, workers: 2 });
  }, 90_000);
  afterAll(async () => {
    await endpoint?.close();
    await cluster?.stop();
    if (bundle) rmSync(bundle.dir, { recursive: true, force: true });
  }, 30_000);

  it('reports the scheduler\'s workers in status()', async () => {
    const status = await endpoint.status();
    expect(status).toMatchObject({ online: true, totalWorkers: 2, idleWorkers: 2 });
  });

  it('runs tasks on Dask workers from source and from a codegen bundle, binary included', async () => {
    const [sum, scaled] = await Promise.all([
      endpoint.submit(remoteTaskSpec('add', [20, 22])).result,
      endpoint.submit(remoteTaskSpec('scale', [new Float32Array([0.5, 4]), 4], bundle)).result,
    ]);
    expect(sum.value).toBe(42);
    expect(scaled.value).toEqual(new Float32Array([2, 16]));
    expect(sum.timings.queueSeconds).toBeGreaterThanOrEqual(0);
  });

  it('fails with the task\'s own error, naming the endpoint', async () => {
    const spec = remoteTaskSpec('fail', ['no such image'], bundle);
    const e = await endpoint.submit(spec).result.catch((x: unknown) => x) as RemoteTaskError;
    expect(e).toMatchObject({ code: 'CORRAL_REMOTE_TASK_FAILED', failure: 'error', remoteName: 'RangeError', message: 'no such image', endpoint: 'cluster' });
    // The worker's host ran the bundle from its own copy, named by its hash; the map beside the local bundle names the source line.
    expect(e.remoteStack).toContain(`${bundle.hash}.mjs:`);
    const source = readFileSync(REMOTE_TASKS_MODULE, 'utf8').split('\n');
    const line = source.findIndex((l) => l.includes('throw new RangeError')) + 1;
    expect(sourceStack(e.remoteStack, spec.locator).at).toBe(`${relative(process.cwd(), REMOTE_TASKS_MODULE)}:${line}:${source[line - 1]!.indexOf('new RangeError') + 1}`);
  });

  it('retries a task whose Dask worker is killed mid-task on another worker', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'corral-kill-'));
    try {
      const handle = endpoint.submit(remoteTaskSpec('marked', [dir, 2500], bundle));
      const until = Date.now() + 60_000;
      while (readdirSync(dir).length === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
      const victim = Number(readdirSync(dir)[0]!.replace('started-', ''));
      const worker = cluster.workers.find((w) => w.pid === victim)!;
      expect(worker).toBeDefined();
      worker.kill('SIGKILL');
      const { value } = await handle.result;
      expect(value).not.toBe(victim);
      expect(cluster.workers.map((w) => w.pid)).toContain(value);
      expect(readdirSync(dir).sort()).toEqual([`started-${victim}`, `started-${value}`].sort());
      // The scheduler drops the dead worker; its view reaches the client within seconds.
      let workers = (await endpoint.status()).totalWorkers;
      for (let i = 0; i < 40 && workers !== 1; i++) {
        await new Promise((r) => setTimeout(r, 250));
        workers = (await endpoint.status()).totalWorkers;
      }
      expect(workers).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);

  // Runs after the worker kill: one Dask worker is left, which is enough.
  it('runs a workflow with corral placing some calls locally and some on Dask', async () => {
    const corral = await Corral.open({
      endpoints: [new LocalEndpoint({ name: 'local', workers: 1 }), new DaskEndpoint({ name: 'dask', address: cluster.address, python: DASK_PYTHON, workers: 1 })],
      policy: 'round-robin', journal: false,
    });
    try {
      const files = [{ name: 'a.txt', data: new TextEncoder().encode('corral '.repeat(500)) }];
      const summaries = await corral.run(Files, 'catalogue', files);
      expect(summaries).toEqual(await new Files().catalogue(files));
      const calls = corral.journal.calls(corral.lastRunId!);
      expect(calls.map((c) => c.state)).toEqual(['done', 'done', 'done']);
      expect(new Set(calls.map((c) => c.endpoint))).toEqual(new Set(['local', 'dask']));
    } finally {
      await corral.close();
    }
  }, 120_000);
});

describe('DaskEndpoint faults and configuration', () => {
  it('reports an unreachable scheduler as offline and fails tasks as offline', async () => {
    const endpoint = new DaskEndpoint({ name: 'gone', address: 'tcp://127.0.0.1:9', python: DASK_PYTHON, connectTimeoutS: 1 });
    try {
      expect((await endpoint.status()).online).toBe(false);
      const e = await endpoint.submit(remoteTaskSpec('add', [1, 2])).result.catch((x: unknown) => x) as RemoteTaskError;
      expect(e).toMatchObject({ code: 'CORRAL_REMOTE_CONNECT_FAILED', failure: 'offline' });
      expect(e.message).toMatch(/endpoint gone.*tcp:\/\/127\.0\.0\.1:9/);
    } finally {
      await endpoint.close();
    }
  }, 60_000);

  it('is an endpoints.yaml kind with validated fields', async () => {
    const kind = endpointKind('dask')!;
    expect(kind).toBeDefined();
    const made = kind.create({ name: 'yaml-dask', kind: 'dask', workers: 3 }, kind.schema.parse({ address: 'tcp://10.0.0.5:8786', cores: 4 }));
    expect(made).toBeInstanceOf(DaskEndpoint);
    expect(made.describe()).toMatchObject({ name: 'yaml-dask', kind: 'dask', workers: 3, hardware: { cores: 4 }, transferGroup: 'dask:tcp://10.0.0.5:8786' });
    await made.close();
    expect(kind.schema.safeParse({ address: 'tcp://10.0.0.5:8786', retries: 1 }).success).toBe(true);
    const bad = kind.schema.safeParse({ address: '10.0.0.5' });
    expect(bad.success).toBe(false);
    expect(JSON.stringify(bad.error)).toContain('scheduler address');
    expect(kind.schema.safeParse({ address: 'tcp://h:1', adress: 'typo' }).success).toBe(false);
  });
});
