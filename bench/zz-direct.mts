import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleModule } from '/work/wt/warm/codegen/index.js';
import { DASK_PYTHON, startLocalDaskCluster } from '/work/wt/warm/sdk/bridge/index.js';
import { DaskEndpoint, type TaskSpec } from '/work/wt/warm/sdk/index.js';
const TASKS = '/work/wt/warm/bench/bridge-tasks.ts';
const dir = mkdtempSync(join(tmpdir(), 'corral-scratch-'));
const cluster = await startLocalDaskCluster(2);
const ep = new DaskEndpoint({ name: 'd', address: cluster.address, python: DASK_PYTHON, workers: 2, batchMs: Number(process.env.BMS ?? 2) });
const b = await bundleModule(TASKS, { root: dir, outDir: dir });
const locator = { module: TASKS, kind: 'method' as const, className: 'BridgeBench', member: 'spin', bundle: { path: join(dir, b.path), hash: b.hash } };
let i = 0;
const spec = (): TaskSpec => ({ attemptId: `a${++i}`, callId: `c${i}`, taskId: 'BridgeBench.spin', attempt: 1, locator, args: [0] });
await Promise.all(Array.from({ length: 8 }, () => ep.submit(spec()).result));
for (const n of [100, 400, 400]) {
  const t = performance.now();
  const rs = await Promise.all(Array.from({ length: n }, () => ep.submit(spec()).result.then((r) => ({ ...r.timings, settled: Date.now() }))));
  const med = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!.toFixed(1);
  console.log('queue ms', med(rs.map((r) => r.startedAt! - r.submittedAt)), 'exec ms', med(rs.map((r) => r.endedAt! - r.startedAt!)), 'back ms', med(rs.map((r) => r.settled - r.endedAt!)), 'first start', Math.min(...rs.map((r) => r.startedAt!)) - Math.min(...rs.map((r) => r.submittedAt)), 'last start', Math.max(...rs.map((r) => r.startedAt!)) - Math.min(...rs.map((r) => r.submittedAt)), 'last settled', Math.max(...rs.map((r) => r.settled)) - Math.min(...rs.map((r) => r.submittedAt)));
  console.log(n, 'direct tasks/s', (n / ((performance.now() - t) / 1000)).toFixed(1));
}
await ep.close(); await cluster.stop();
