import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Corral, GlobusComputeEndpoint, Journal, NoEndpointError, type RemoteTaskError } from '../../../sdk/index.js';
import { endpointKind } from '../../../sdk/endpoints/index.js';
import { RemoteTasks } from '../../bridge/fixtures/remote-tasks.js';
import { DASK_PYTHON } from '../../../sdk/bridge/index.js';
import { bundleRemoteTasks, remoteTaskSpec } from '../../bridge/fixtures/task-spec.js';
import { standinService, type StandinService } from './standin-service.js';

const EP = '6f3c1a52-9d0e-4d8e-8b7a-2f1e0c9d8b7a';
const OFFLINE_EP = '0b9a8c7d-1e2f-4a3b-9c4d-5e6f7a8b9c0d';
const SECRET = 'corral-test-secret-7Hq2';

// Against the stand-in globus_compute_sdk (__tests__/fixtures/globus_compute_sdk), which runs tasks locally.
describe('GlobusComputeEndpoint with the stand-in globus_compute_sdk', () => {
  let service: StandinService;
  let dbDir: string;
  const open: GlobusComputeEndpoint[] = [];
  const endpoint = (endpointId = EP, name = 'hpc', heartbeatS?: number) => {
    const ep = new GlobusComputeEndpoint({ name, endpointId, python: DASK_PYTHON, env: service.env, database: join(dbDir, 'corral.db'), heartbeatS });
    open.push(ep);
    return ep;
  };

  let bundle: Awaited<ReturnType<typeof bundleRemoteTasks>>;
  beforeAll(async () => {
    bundle = await bundleRemoteTasks();
    service = standinService('corral-client', SECRET);
    service.setEndpoint(EP, 'online', 2);
    service.setEndpoint(OFFLINE_EP, 'offline');
    dbDir = mkdtempSync(join(tmpdir(), 'corral-gc-db-'));
    service.exportCredentials();
  });
  afterEach(async () => { for (const ep of open.splice(0)) await ep.close(); });
  afterAll(() => {
    service.remove();
    rmSync(bundle.dir, { recursive: true, force: true });
    rmSync(dbDir, { recursive: true, force: true });
  });

  it('runs tasks, reads endpoint status, and never hands the client secret to the task', async () => {
    const ep = endpoint();
    expect(await ep.status()).toMatchObject({ online: true, totalWorkers: 2, idleWorkers: 2 });
    const [sum, seen] = await Promise.all([ep.submit(remoteTaskSpec('add', [1, 41], bundle)).result, ep.submit(remoteTaskSpec('secretSeen', [], bundle)).result]);
    expect(sum.value).toBe(42);
    expect(sum.timings.logRef).toMatch(/^[0-9a-f-]{36}$/); // the Globus Compute task id
    expect(seen.value).toBeNull();
    expect(await ep.metadata()).toMatchObject({ uuid: EP, endpoint_version: '4.15.0' });
  });

  it('registers one function per program and reuses the cached id after a bridge restart', async () => {
    const before = service.registrations();
    const database = join(dbDir, 'fresh.db');
    const first = new GlobusComputeEndpoint({ name: 'hpc', endpointId: EP, python: DASK_PYTHON, env: service.env, database });
    open.push(first);
    await first.submit(remoteTaskSpec('add', [1, 1], bundle)).result;
    await first.submit(remoteTaskSpec('add', [1, 2], bundle)).result;
    expect(service.registrations()).toBe(before + 1);
    const firstBridge = first.bridge;
    await first.close(); // the last user: the bridge process exits
    const again = new GlobusComputeEndpoint({ name: 'hpc-again', endpointId: EP, python: DASK_PYTHON, env: service.env, database });
    open.push(again);
    expect(again.bridge).not.toBe(firstBridge);
    expect((await again.submit(remoteTaskSpec('add', [2, 2], bundle)).result).value).toBe(4);
    expect(service.registrations()).toBe(before + 1);
  });

  it('keeps its function registrations in the journal that CORRAL_JOURNAL names (what corral run --journal sets)', async () => {
    const journalFile = join(dbDir, 'chosen', 'journal.db');
    const before = process.env.CORRAL_JOURNAL;
    process.env.CORRAL_JOURNAL = journalFile;
    try {
      const ep = new GlobusComputeEndpoint({ name: 'hpc-journal', endpointId: EP, python: DASK_PYTHON, env: service.env });
      open.push(ep);
      expect((await ep.submit(remoteTaskSpec('add', [20, 22], bundle)).result).value).toBe(42);
    } finally {
      if (before === undefined) delete process.env.CORRAL_JOURNAL;
      else process.env.CORRAL_JOURNAL = before;
    }
    const journal = Journal.open(journalFile);
    const rows = journal.db.prepare('SELECT client_id, function_id FROM globus_compute_functions').all() as Array<{ client_id: string; function_id: string }>;
    journal.close();
    expect(rows).toEqual([expect.objectContaining({ client_id: 'corral-client', function_id: expect.stringMatching(/^[0-9a-f-]{36}$/) })]);
  });

  it('reports an offline endpoint as offline', async () => {
    const ep = endpoint(OFFLINE_EP, 'edge');
    expect(await ep.status()).toMatchObject({ online: false, totalWorkers: 0 });
  });

  it('maps a result over 10 MiB to a payload failure naming the endpoint', async () => {
    const ep = endpoint();
    const e = await ep.submit(remoteTaskSpec('text', [10.5 * 1024 * 1024], bundle)).result.catch((x: unknown) => x) as RemoteTaskError;
    expect(e).toMatchObject({ code: 'CORRAL_REMOTE_GC_RESULT_TOO_LARGE', failure: 'payload', remoteName: 'MaxResultSizeExceeded', endpoint: 'hpc' });
    expect(e.message).toMatch(/RemoteTasks\.text .*endpoint hpc.*exceeded current limit of 10485760B/s);
  }, 90_000);

  it('refuses arguments over 10 MB before submission', async () => {
    const ep = endpoint();
    const e = await ep.submit(remoteTaskSpec('text', ['z'.repeat(10_000_001)], bundle)).result.catch((x: unknown) => x) as RemoteTaskError;
    expect(e).toMatchObject({ code: 'CORRAL_REMOTE_PAYLOAD_TOO_LARGE', failure: 'payload' });
    expect(e.message).toMatch(/arguments are 10000\d{3} bytes and the bundle [1-9]\d+ bytes, over the limit of 10000000 bytes/);
  });

  it('maps an authentication failure and keeps the secret out of errors and logs', async () => {
    process.env.GLOBUS_COMPUTE_CLIENT_SECRET = 'wrong-secret-Zx81';
    const logs: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string | Uint8Array, ...rest: never[]) => { logs.push(String(chunk)); return write(chunk, ...rest); }) as typeof process.stderr.write;
    try {
      const ep = new GlobusComputeEndpoint({ name: 'hpc-bad', endpointId: EP, python: DASK_PYTHON, env: { ...service.env, CORRAL_BRIDGE_LOG_LEVEL: 'DEBUG' }, database: join(dbDir, 'corral.db') });
      open.push(ep);
      const e = await ep.submit(remoteTaskSpec('add', [1, 2])).result.catch((x: unknown) => x) as RemoteTaskError;
      const status = await ep.status();
      expect(e.code).toBe('CORRAL_REMOTE_GC_AUTH');
      expect(e.message).toMatch(/endpoint 'hpc-bad'.*HTTP 401 UNAUTHORIZED/);
      expect(e.message).toContain('[redacted]');
      expect(logs.join('')).toContain('GC_AUTH');
      expect(JSON.stringify([e.message, e.stack, status, logs])).not.toContain('wrong-secret-Zx81');
    } finally {
      process.stderr.write = write;
      process.env.GLOBUS_COMPUTE_CLIENT_SECRET = SECRET;
    }
  });

  it('surfaces wrong credentials (HTTP 401) in status() and in the error of a call that cannot run (stand-in service)', async () => {
    process.env.GLOBUS_COMPUTE_CLIENT_SECRET = 'wrong-secret-Q93k';
    const corral = await Corral.open({
      endpoints: [new GlobusComputeEndpoint({ name: 'hpc-401', endpointId: EP, python: DASK_PYTHON, env: service.env, database: join(dbDir, 'corral.db') })],
      journal: false,
    });
    try {
      const status = await corral.endpoints.find((e) => e.name === 'hpc-401')!.status();
      expect(status).toMatchObject({ online: false });
      expect(status.detail).toMatch(/HTTP 401 UNAUTHORIZED/);
      await corral.refreshStatus();
      const e = await corral.run(RemoteTasks, 'add', 1, 2).catch((x: unknown) => x) as NoEndpointError;
      expect(e).toBeInstanceOf(NoEndpointError);
      expect(e.message).toMatch(/cannot run on any endpoint: hpc-401: offline \(.*HTTP 401 UNAUTHORIZED.*\)/);
      expect(JSON.stringify([e.message, status])).not.toContain('wrong-secret-Q93k');
    } finally {
      await corral.close();
      process.env.GLOBUS_COMPUTE_CLIENT_SECRET = SECRET;
    }
  }, 60_000);

  it('is an endpoints.yaml kind that requires the endpoint UUID', () => {
    const kind = endpointKind('globus-compute')!;
    expect(kind.schema.safeParse({ endpointId: EP, batchSize: 64 }).success).toBe(true);
    const bad = kind.schema.safeParse({ endpointId: 'polaris' });
    expect(bad.success).toBe(false);
    expect(JSON.stringify(bad.error)).toContain('endpoint UUID');
  });
});
