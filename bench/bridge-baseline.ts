import { execa } from 'execa';
import { DASK_PYTHON } from '../sdk/bridge/index.js';

// The baseline a user compares with: plain Python functions on the same Dask
// cluster, the same work as bench/bridge-tasks.ts (a tiny task, a 10 ms CPU
// spin), submitted by a plain dask.distributed client.
const SCRIPT = `
import json, sys, time
from distributed import Client
address, n, m = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
def spin(ms):
    until = time.perf_counter() + ms / 1000
    k = 1
    while time.perf_counter() < until:
        k += 1
    return k
client = Client(address, set_as_default=False)
t = time.perf_counter(); client.submit(spin, 0, pure=False).result(); first = time.perf_counter() - t
client.gather(client.map(spin, [0] * 4, pure=False))
lat = []
for _ in range(7):
    t = time.perf_counter(); client.submit(spin, 0, pure=False).result(); lat.append(time.perf_counter() - t)
def rate(count, ms):
    t = time.perf_counter()
    values = client.gather(client.map(spin, [ms] * count, pure=False))
    assert len(values) == count and all(v > 0 for v in values)
    return count / (time.perf_counter() - t)
print(json.dumps({"firstCallMs": first * 1000, "latencyMs": sorted(lat)[3] * 1000, "tinyTasksPerS": rate(n, 0), "spin10TasksPerS": rate(m, 10)}))
client.close()
`;

/** What plain Python on Dask measured. */
export interface DaskBaseline {
  readonly firstCallMs: number;
  readonly latencyMs: number;
  readonly tinyTasksPerS: number;
  readonly spin10TasksPerS: number;
}

/**
 * Runs the plain-Python baseline against a Dask scheduler: first call, median
 * one-task latency, tasks/s of `n` tiny and `m` 10 ms tasks.
 *
 * @example
 * ```ts
 * const base = await daskBaseline(cluster.address, 500, 100);
 * ```
 */
export async function daskBaseline(address: string, n: number, m: number): Promise<DaskBaseline> {
  const { stdout } = await execa(DASK_PYTHON, ['-c', SCRIPT, address, String(n), String(m)]);
  return JSON.parse(stdout) as DaskBaseline;
}
