import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GlobusComputeEndpoint, type RemoteTaskError } from '../../../sdk/index.js';
import { DASK_PYTHON } from '../../../sdk/bridge/index.js';
import { alive, bundleWarmTasks, runRecorder, warmSpec } from '../../bridge/fixtures/warm-spec.js';
import { standinService, type StandinService } from './standin-service.js';

const EP = '3d1f0b6e-5a4c-4e2b-9f8a-7c6d5e4f3a2b';
const SECRET = 'corral-warm-secret-9Kp4';

// Against the stand-in globus_compute_sdk (__tests__/fixtures/globus_compute_sdk), whose endpoint
// workers are threads of one long-lived Python process, as an endpoint worker's process is.
describe('warm node workers in the registered function, with the stand-in globus_compute_sdk', () => {
  let service: StandinService;
  let dbDir: string;
  let bundle: Awaited<ReturnType<typeof bundleWarmTasks>>;
  const open: GlobusComputeEndpoint[] = [];
  const endpoint = (name: string, warm?: false) => {
    const ep = new GlobusComputeEndpoint({ name, endpointId: EP, python: DASK_PYTHON, env: service.env, database: join(dbDir, 'corral.db'), warm });
    open.push(ep);
    return ep;
  };

  beforeAll(async () => {
    bundle = await bundleWarmTasks();
    service = standinService('corral-warm-client', SECRET);
    service.setEndpoint(EP, 'online', 2);
    dbDir = mkdtempSync(join(tmpdir(), 'corral-gc-warm-'));
    service.exportCredentials();
  });
  afterEach(async () => { for (const ep of open.splice(0)) await ep.close(); });
  afterAll(() => {
    service.remove();
    rmSync(bundle.dir, { recursive: true, force: true });
    rmSync(dbDir, { recursive: true, force: true });
  });

  it('keeps node workers alive between tasks in the endpoint worker process and replaces a crashed one', async () => {
    const ep = endpoint('hpc-warm');
    const recorder = runRecorder(ep);
    try {
      const done = [...await recorder.whoami(3, bundle), ...await recorder.whoami(3, bundle), ...await recorder.whoami(3, bundle)];
      const workerProcess = new Set(done.map((d) => d.ppid));
      expect(workerProcess).toEqual(new Set([ep.bridge.pid]));
      const nodePids = new Set(done.map((d) => d.pid));
      expect(nodePids.size).toBeLessThanOrEqual(2); // the stand-in endpoint has 2 workers
      expect(done.filter((d) => d.run.imported)).toHaveLength(nodePids.size);
      expect(done.every((d) => d.run.warm && typeof d.run.remoteTaskId === 'string')).toBe(true);

      const crash = warmSpec('crash', [3], bundle);
      const failed = await ep.submit(crash).result.catch((x: unknown) => x) as RemoteTaskError;
      expect(failed).toMatchObject({ code: 'CORRAL_REMOTE_CRASH', failure: 'crash', endpoint: 'hpc-warm' });
      const dead = recorder.runs.get(crash.attemptId)!.workerPid!;
      expect(alive(dead)).toBe(false);
      expect((await recorder.whoami(2, bundle)).map((d) => d.pid)).not.toContain(dead);
    } finally {
      recorder.stop();
    }
  });

  it('falls back to a node process per task with warm: false', async () => {
    const ep = endpoint('hpc-cold', false);
    const recorder = runRecorder(ep);
    try {
      const done = [...await recorder.whoami(2, bundle), ...await recorder.whoami(2, bundle)];
      expect(new Set(done.map((d) => d.pid)).size).toBe(4);
      expect(done.every((d) => d.run.warm === false && d.run.workerPid === undefined)).toBe(true);
    } finally {
      recorder.stop();
    }
  });
});
