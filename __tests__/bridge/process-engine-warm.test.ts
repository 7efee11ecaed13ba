import { rmSync } from 'node:fs';
import { BridgeProcess, DASK_PYTHON, taskProgram, type BridgeResult, type RunReport } from '../../sdk/bridge/index.js';
import { decodeWire, encodeWire, ENTRY_PROTOCOL_VERSION, type EntryResponse } from '../../sdk/graph/index.js';
import type { TaskSpec } from '../../sdk/endpoints/index.js';
import { bundleWarmTasks, warmSpec } from './fixtures/warm-spec.js';

const SECRET = 'corral-process-secret-5Tz8';

// The bridge's `process` engine on this machine: one warm node worker per pool thread.
describe('warm node workers of the process engine', () => {
  let bridge: BridgeProcess;
  let bundle: Awaited<ReturnType<typeof bundleWarmTasks>>;
  let next = 0;
  const run = async (spec: TaskSpec, launcher?: string[]): Promise<{ run: RunReport; value: unknown }> => {
    const made = taskProgram(spec.locator);
    const key = launcher ? `${made.key}:${launcher.join(' ')}` : made.key;
    const program = launcher ? { ...made.program, launcher } : made.program;
    const id = `p${++next}`;
    const done = new Promise<BridgeResult>((resolve) => {
      const on = (r: BridgeResult) => { if (r.task === id) { bridge.off('result', on); resolve(r); } };
      bridge.on('result', on);
    });
    await bridge.request('define', { endpoint: 'dev', key, program, known: {} });
    await bridge.request('submit', { endpoint: 'dev', tasks: [{ task: id, program: key, request: JSON.stringify({ protocol: ENTRY_PROTOCOL_VERSION, locator: spec.locator, args: encodeWire(spec.args) }), timeoutS: null }] });
    const result = (await done).run!;
    const response = JSON.parse(result.response!) as EntryResponse;
    return { run: result, value: response.ok ? decodeWire(response.value) : response.error };
  };

  beforeAll(async () => {
    bundle = await bundleWarmTasks();
    bridge = await BridgeProcess.start({ python: DASK_PYTHON, env: { GLOBUS_COMPUTE_CLIENT_SECRET: SECRET }, log: () => undefined });
    await bridge.request('open', { endpoint: 'dev', engine: 'process', config: { workers: 1 } });
  }, 60_000);
  afterAll(async () => {
    await bridge?.shutdown(5);
    if (bundle) rmSync(bundle.dir, { recursive: true, force: true });
  });

  it('runs attempt after attempt on one node worker, child of the bridge, without the client secret', async () => {
    const done = [];
    for (let i = 0; i < 5; i++) done.push(await run(warmSpec('whoami', [], bundle)));
    const pids = new Set(done.map((d) => (d.value as number[])[0]));
    expect(pids.size).toBe(1);
    expect(done.every((d) => (d.value as number[])[1] === bridge.pid && d.run.workerPid === (d.value as number[])[0])).toBe(true);
    expect(done.map((d) => d.run.imported)).toEqual([true, false, false, false, false]);
    expect(done.map((d) => d.run.workerTasks)).toEqual([1, 2, 3, 4, 5]);
    const secret = await run(warmSpec('secret', [], bundle));
    expect(secret.value).toBeNull();
    expect(secret.run.workerPid).toBe([...pids][0]);
  }, 60_000);

  it('falls back to a node per attempt where a warm worker cannot start', async () => {
    const first = await run(warmSpec('whoami', [], bundle), ['node', '--no-such-node-flag']);
    expect(first.run).toMatchObject({ kind: 'response', warm: false });
    expect(first.run.warmError).toMatch(/cannot start a warm node worker \(node --no-such-node-flag\): it exited before it was ready \(exit code 9\): .*bad option: --no-such-node-flag/s);
    const second = await run(warmSpec('whoami', [], bundle), ['node', '--no-such-node-flag']);
    expect(second.run).toMatchObject({ kind: 'response', warm: false, warmError: first.run.warmError });
    expect((second.value as number[])[0]).not.toBe((first.value as number[])[0]);
  }, 60_000);
});
