import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { bundleModule } from '../codegen/index.js';
import { DASK_PYTHON, startLocalDaskCluster } from '../sdk/bridge/index.js';
import { DaskEndpoint, type TaskSpec } from '../sdk/endpoints/index.js';
import type { Benchmark } from './benchmark.js';

const TASKS = fileURLToPath(new URL('./bridge-tasks.ts', import.meta.url));

// The baseline: a plain dask.distributed client submitting the same work (the
// same bundle under node, same request) to the same cluster.
const BASELINE = `
import json, subprocess, sys, time
from distributed import Client
address, bundle, request, n = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
def run(bundle, request):
    out = subprocess.run(["node", bundle], input=request.encode(), stdout=subprocess.PIPE, stderr=subprocess.PIPE).stdout.decode()
    return json.loads(out[out.rfind("@@corral-response@@") + 19:].split("\\n", 1)[0])["value"]
client = Client(address, set_as_default=False)
client.gather(client.map(run, [bundle] * 2, [request] * 2, pure=False))
lat = []
for _ in range(3):
    t = time.perf_counter(); client.submit(run, bundle, request, pure=False).result(); lat.append(time.perf_counter() - t)
t = time.perf_counter()
values = client.gather(client.map(run, [bundle] * n, [request] * n, pure=False))
elapsed = time.perf_counter() - t
assert all(isinstance(v, int) and v > 0 for v in values)
print(json.dumps({"tasksPerS": n / elapsed, "latencyMs": sorted(lat)[1] * 1000}))
client.close()
`;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/**
 * Tasks/s of 1 ms tasks through DaskEndpoint (bridge, batching) against a
 * plain Python dask client submitting the same work to the same local
 * cluster in the same run, plus one-task round-trip latency of both.
 *
 * @example
 * ```sh
 * corral bench bridge
 * ```
 */
export const bridgeDaskBenchmark: Benchmark = {
  suite: 'bridge',
  name: 'dask-throughput',
  async run({ quick }) {
    const n = quick ? 12 : 60;
    const rounds = quick ? 1 : 2;
    const dir = mkdtempSync(join(tmpdir(), 'corral-bench-bridge-'));
    const cluster = await startLocalDaskCluster(2);
    const endpoint = new DaskEndpoint({ name: 'bench-dask', address: cluster.address, python: DASK_PYTHON, workers: 2 });
    try {
      const bundle = await bundleModule(TASKS, { root: dir, outDir: dir });
      const bundlePath = join(dir, bundle.path);
      const locator = { module: TASKS, kind: 'static' as const, className: 'BridgeBench', member: 'spin', bundle: { path: bundlePath, hash: bundle.hash } };
      let next = 0;
      const spec = (): TaskSpec => ({ attemptId: `bench-${++next}`, callId: `c${next}`, taskId: 'BridgeBench.spin', attempt: 1, locator, args: [1] });
      const request = JSON.stringify({ protocol: 1, locator, args: [1] });
      await Promise.all([spec(), spec()].map((s) => endpoint.submit(s).result)); // warm-up, as the baseline does
      const latencies: number[] = [];
      for (let i = 0; i < 3; i++) {
        const t = performance.now();
        await endpoint.submit(spec()).result;
        latencies.push(performance.now() - t);
      }
      const corral: number[] = [];
      const baseline: { tasksPerS: number; latencyMs: number }[] = [];
      for (let r = 0; r < rounds; r++) {
        const { stdout } = await execa(DASK_PYTHON, ['-c', BASELINE, cluster.address, bundlePath, request, String(n)]);
        baseline.push(JSON.parse(stdout) as { tasksPerS: number; latencyMs: number });
        const t = performance.now();
        const results = await Promise.all(Array.from({ length: n }, () => endpoint.submit(spec()).result));
        corral.push(n / ((performance.now() - t) / 1000));
        if (!results.every((x) => typeof x.value === 'number' && x.value > 0)) throw new Error('bridge benchmark: a task returned no count');
      }
      const corralTasksPerS = corral.reduce((a, b) => a + b, 0) / corral.length;
      const baselineTasksPerS = baseline.reduce((a, b) => a + b.tasksPerS, 0) / baseline.length;
      const ratio = corralTasksPerS / baselineTasksPerS;
      return {
        metrics: {
          tasks: n, rounds, workers: 2, corralTasksPerS, baselineTasksPerS,
          corralLatencyMs: median(latencies), baselineLatencyMs: median(baseline.map((b) => b.latencyMs)),
          bundleBytes: bundle.bytes,
        },
        ratio, ratioMeaning: 'corral tasks/s over a plain Python dask client, same tasks, same cluster',
        target: '>= 0.5x the plain dask client', met: ratio >= 0.5,
      };
    } finally {
      await endpoint.close();
      await cluster.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
