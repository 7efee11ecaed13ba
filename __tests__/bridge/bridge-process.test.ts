import { BridgeError, BridgeProcess, BRIDGE_PROTOCOL_VERSION } from '../../sdk/bridge/index.js';
import { DASK_PYTHON } from '../../sdk/bridge/index.js';

describe('bridge program: handshake, requests, heartbeats, shutdown', () => {
  let bridge: BridgeProcess | undefined;
  afterEach(async () => { await bridge?.shutdown(5); bridge = undefined; });

  it('completes a versioned handshake naming Python and engine package versions', async () => {
    bridge = await BridgeProcess.start({ python: DASK_PYTHON, log: () => undefined });
    const hello = bridge.hello!;
    expect(hello.protocol).toBe(BRIDGE_PROTOCOL_VERSION);
    expect(hello.python).toMatch(/^3\.\d+\.\d+/);
    expect(hello.engines.process!.available).toBe(true);
    expect(hello.engines.dask!.available).toBe(true);
    expect(hello.engines.dask!.version).toMatch(/^\d{4}\./);
    expect(hello.engines['globus-compute']!.available).toBe(false);
    expect(hello.engines['globus-compute']!.install).toContain('pip install globus-compute-sdk');
  });

  it('answers each request by id, with a coded error for an unknown op', async () => {
    bridge = await BridgeProcess.start({ python: DASK_PYTHON, log: () => undefined });
    const [ping, bad] = await Promise.allSettled([bridge.request('ping'), bridge.request('frobnicate', { endpoint: 'x' })]);
    expect(ping.status === 'fulfilled' && typeof ping.value.at).toBe('number');
    expect(bad.status).toBe('rejected');
    const e = (bad as PromiseRejectedResult).reason as BridgeError;
    expect(e.code).toBe('CORRAL_BRIDGE_REQUEST');
    expect(e.engineCode).toBe('UNKNOWN_OP');
    expect(e.message).toContain('frobnicate');
  });

  it('sends heartbeats and exits on a graceful shutdown', async () => {
    bridge = await BridgeProcess.start({ python: DASK_PYTHON, heartbeatS: 0.2, log: () => undefined });
    const beat = await new Promise<{ inflight: number }>((resolve) => bridge!.once('heartbeat', resolve));
    expect(beat.inflight).toBe(0);
    const pid = bridge.pid!;
    await bridge.shutdown(5);
    expect(bridge.alive).toBe(false);
    expect(() => process.kill(pid, 0)).toThrow();
  });

  it('names the missing interpreter and how to set one', async () => {
    const started = BridgeProcess.start({ python: '/nonexistent/python3.12', log: () => undefined });
    await expect(started).rejects.toMatchObject({ code: 'CORRAL_BRIDGE_PYTHON_MISSING' });
    await expect(started).rejects.toThrow(/\/nonexistent\/python3\.12.*CORRAL_PYTHON/s);
  });

  it('names the missing engine package and how to install it', async () => {
    bridge = await BridgeProcess.start({ python: DASK_PYTHON, log: () => undefined });
    const open = bridge.request('open', { endpoint: 'hpc', engine: 'globus-compute', config: { endpointId: 'x' } });
    await expect(open).rejects.toMatchObject({ code: 'CORRAL_BRIDGE_ENGINE_MISSING', hint: expect.stringContaining('pip install globus-compute-sdk') });
    await expect(open).rejects.toThrow(/endpoint 'hpc'.*globus_compute_sdk/);
  });
});
