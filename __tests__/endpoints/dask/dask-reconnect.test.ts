import { execa, type ResultPromise } from 'execa';
import { DaskEndpoint } from '../../../sdk/index.js';
import { DASK_PYTHON, startLocalDaskCluster, type LocalDaskCluster } from '../../../sdk/bridge/index.js';
import { remoteTaskSpec } from '../../bridge/fixtures/task-spec.js';

// Against a real Dask scheduler on 127.0.0.1, killed and started again at the same address.

/** Status checks, one a second, before the endpoint must be back: the client's own retry window plus a reconnect. */
const CHECKS = 60;

async function statusUntil(endpoint: DaskEndpoint, online: boolean): Promise<number> {
  for (let check = 1; check <= CHECKS; check++) {
    if ((await endpoint.status()).online === online) return check;
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error(`endpoint ${endpoint.name} not ${online ? 'online' : 'offline'} after ${CHECKS} status checks`);
}

/** Starts a Dask process and resolves once its stderr says `ready`. */
async function daskProcess(args: string[], ready: string, started: ResultPromise[]): Promise<void> {
  const p = execa(DASK_PYTHON, args, { reject: false, stdin: 'ignore', stdout: 'ignore', stderr: 'pipe', buffer: false, cleanup: false });
  started.push(p);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${args[1]} not ready within 60 s`)), 60_000);
    p.stderr!.on('data', (chunk: Buffer) => { if (chunk.toString().includes(ready)) { clearTimeout(timer); resolve(); } });
  });
}

describe('Dask endpoint whose scheduler comes back', () => {
  let cluster: LocalDaskCluster | undefined;
  const started: ResultPromise[] = [];
  let endpoint: DaskEndpoint | undefined;
  beforeAll(async () => { cluster = await startLocalDaskCluster(1); }, 90_000);
  afterAll(async () => {
    await endpoint?.close();
    for (const p of started) p.kill('SIGKILL');
    await Promise.all(started);
    await cluster?.stop();
  }, 60_000);

  it('goes offline when the scheduler dies, back online when a scheduler listens at the same address again, and runs calls there', async () => {
    const address = cluster!.address;
    const port = new URL(address.replace('tcp://', 'http://')).port;
    endpoint = new DaskEndpoint({ name: 'cluster', address, python: DASK_PYTHON, workers: 1, connectTimeoutS: 2 });
    expect((await endpoint.submit(remoteTaskSpec('add', [1, 2])).result).value).toBe(3);

    cluster!.scheduler.kill('SIGKILL');
    await cluster!.scheduler;
    await statusUntil(endpoint, false);
    // Longer than the client's own reconnect window (connectTimeoutS): the Dask client has given up and closed.
    await new Promise((r) => setTimeout(r, 5000));
    expect((await endpoint.status()).online).toBe(false);

    await daskProcess(['-m', 'distributed.cli.dask_scheduler', '--host', '127.0.0.1', '--port', port, '--dashboard-address', '127.0.0.1:0'], 'Scheduler at:', started);
    await daskProcess(['-m', 'distributed.cli.dask_worker', address, '--nthreads', '1', '--no-nanny', '--host', '127.0.0.1', '--dashboard-address', '127.0.0.1:0', '--name', 'fresh'], 'Registered to', started);
    await statusUntil(endpoint, true);
    expect((await endpoint.submit(remoteTaskSpec('add', [20, 22])).result).value).toBe(42);
  }, 240_000);
});
