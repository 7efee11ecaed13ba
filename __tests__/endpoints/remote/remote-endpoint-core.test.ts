import { Bridge, redactSecrets } from '../../../sdk/bridge/index.js';
import { DASK_PYTHON } from '../../../sdk/bridge/index.js';
import { RemoteEndpointCore, RemoteTaskError } from '../../../sdk/endpoints/index.js';
import { remoteTaskSpec } from '../../bridge/fixtures/task-spec.js';

/** Resolves once the bridge reports `n` tasks in flight inside its engines. */
async function whenInflight(bridge: Bridge, n: number): Promise<number> {
  const { process: bp } = await bridge.ready();
  await new Promise<void>((resolve) => {
    const on = (h: { inflight: number }) => { if (h.inflight >= n) { bp.off('heartbeat', on); resolve(); } };
    bp.on('heartbeat', on);
  });
  return bp.pid!;
}

// The `process` engine (stdlib only) exercises everything the remote endpoints share.
describe('RemoteEndpointCore over the process engine', () => {
  const bridges: Bridge[] = [];
  const cores: RemoteEndpointCore[] = [];
  function core(extra: Partial<ConstructorParameters<typeof RemoteEndpointCore>[0]> = {}, heartbeatS?: number): RemoteEndpointCore {
    const bridge = new Bridge({ python: DASK_PYTHON, log: () => undefined, heartbeatS });
    bridges.push(bridge);
    const c = new RemoteEndpointCore({ name: 'dev', engine: 'process', config: { workers: 2 }, bridge, ...extra });
    cores.push(c);
    return c;
  }
  afterEach(async () => {
    for (const c of cores.splice(0)) await c.close();
    for (const b of bridges.splice(0)) await b.close();
  });

  it('runs tasks, carries binary data and reports timings', async () => {
    const c = core();
    const [sum, scaled] = await Promise.all([
      c.submit(remoteTaskSpec('add', [2, 40])).result,
      c.submit(remoteTaskSpec('scale', [new Float32Array([1.5, -2]), 2])).result,
    ]);
    expect(sum.value).toBe(42);
    expect(scaled.value).toEqual(new Float32Array([3, -4]));
    expect(sum.timings.endedAt!).toBeGreaterThanOrEqual(sum.timings.startedAt!);
    expect(sum.timings.runSeconds).toBeGreaterThanOrEqual(0);
    expect((await c.status()).totalWorkers).toBe(2);
  });

  it('fails with the task\'s own error name, message and stack', async () => {
    const c = core();
    const e = await c.submit(remoteTaskSpec('fail', ['bad width'])).result.catch((x: unknown) => x) as RemoteTaskError;
    expect(e).toBeInstanceOf(RemoteTaskError);
    expect(e.code).toBe('CORRAL_REMOTE_TASK_FAILED');
    expect(e.failure).toBe('error');
    expect(e.remoteName).toBe('RangeError');
    expect(e.message).toBe('bad width');
    expect(e.remoteStack).toContain('remote-tasks.ts');
    expect(e.endpoint).toBe('dev');
  });

  it('refuses a payload over the limit before submission, naming the sizes', async () => {
    const c = core({ maxPayloadBytes: 1000 });
    const e = await c.submit(remoteTaskSpec('text', ['y'.repeat(5000)])).result.catch((x: unknown) => x) as RemoteTaskError;
    expect(e.code).toBe('CORRAL_REMOTE_PAYLOAD_TOO_LARGE');
    expect(e.failure).toBe('payload');
    expect(e.message).toMatch(/RemoteTasks\.text .*endpoint dev.*arguments are \d{4} bytes and the bundle 0 bytes.*limit of 1000 bytes/);
    expect(bridges[0]!.generation).toBe(0); // never started: nothing was sent
  });

  it('resubmits in-flight tasks when the bridge is killed mid-batch', async () => {
    const c = core({}, 0.25);
    const bridge = bridges[0]!;
    const handles = [1, 2, 3].map((i) => c.submit(remoteTaskSpec('add', [i, 100])));
    process.kill(await whenInflight(bridge, 3), 'SIGKILL');
    const values = await Promise.all(handles.map((h) => h.result.then((r) => r.value)));
    expect(values).toEqual([101, 102, 103]);
    expect(bridge.generation).toBe(2);
  });

  it('kills a bridge that stops sending heartbeats and resubmits its tasks', async () => {
    const c = core({}, 0.25);
    const bridge = bridges[0]!;
    const handle = c.submit(remoteTaskSpec('add', [5, 6]));
    const frozen = await whenInflight(bridge, 1);
    process.kill(frozen, 'SIGSTOP');
    expect((await handle.result).value).toBe(11);
    expect(bridge.generation).toBe(2);
    expect(bridge.pid).not.toBe(frozen);
    expect(() => process.kill(frozen, 0)).toThrow();
  });

  it('fails in-flight tasks clearly when resubmission is off', async () => {
    const c = core({ resubmitOnBridgeLoss: 0 }, 0.25);
    const handle = c.submit(remoteTaskSpec('add', [1, 2]));
    process.kill(await whenInflight(bridges[0]!, 1), 'SIGKILL');
    const e = await handle.result.catch((x: unknown) => x) as RemoteTaskError;
    expect(e.code).toBe('CORRAL_REMOTE_BRIDGE_LOST');
    expect(e.failure).toBe('crash');
    expect(e.message).toMatch(/RemoteTasks\.add .*endpoint dev was lost with the bridge process.*exited/s);
  });

  it('keeps secrets out of error texts', () => {
    expect(redactSecrets('token s3cr3t-value leaked', { GLOBUS_COMPUTE_CLIENT_SECRET: 's3cr3t-value' })).toBe('token [redacted] leaked');
  });
});
