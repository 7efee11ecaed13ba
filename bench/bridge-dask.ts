import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from '../codegen/index.js';
import { DASK_PYTHON, startLocalDaskCluster } from '../sdk/bridge/index.js';
import { Corral, DaskEndpoint, type WarmOptions } from '../sdk/index.js';
import type { Benchmark } from './benchmark.js';
import { daskBaseline, type DaskBaseline } from './bridge-baseline.js';
import { BridgeBench } from './bridge-tasks.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TASKS = fileURLToPath(new URL('./bridge-tasks.ts', import.meta.url));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (t0: number) => performance.now() - t0;

/** A corral session on the cluster with the journal on disk and the tasks run from their bundle. */
async function session(dir: string, name: string, address: string, manifest: string, warm?: WarmOptions | false): Promise<Corral> {
  return Corral.open({
    endpoints: [new DaskEndpoint({ name, address, python: DASK_PYTHON, workers: 2, warm })],
    journal: join(dir, `${name}.db`), manifest,
  });
}

async function tasksPerS(corral: Corral, n: number, spinMs: number): Promise<number> {
  const t0 = performance.now();
  const done = await corral.run(BridgeBench, 'fanOut', n, spinMs);
  if (done !== n) throw new Error(`bridge benchmark: ${done} of ${n} tasks came back`);
  return n / (ms(t0) / 1000);
}

/**
 * corral JavaScript tasks on a real local Dask cluster (2 workers) through
 * the whole runtime (DaskEndpoint, placement, journal on disk, bundles on
 * warm node workers) against plain Python functions on the same cluster in
 * the same run: tiny-task and 10 ms-task throughput, one-call latency, the
 * cold and the warm first call; plus the node-per-task figure (warm: false).
 *
 * @example
 * ```sh
 * corral bench bridge
 * ```
 */
export const bridgeDaskBenchmark: Benchmark = {
  suite: 'bridge',
  name: 'dask-vs-python',
  async run({ quick }) {
    const n = quick ? 100 : 400;
    const m = quick ? 20 : 100;
    const rounds = quick ? 1 : 2;
    const dir = mkdtempSync(join(tmpdir(), 'corral-bench-bridge-'));
    const cluster = await startLocalDaskCluster(2);
    const open: Corral[] = [];
    try {
      const built = await build({ root: ROOT, files: [TASKS], outDir: join(dir, 'build'), force: true });
      if (!built.manifest) throw new Error(`bridge benchmark: build failed: ${built.diagnostics.map((d) => d.message).join('; ')}`);
      const corral = await session(dir, 'warm', cluster.address, built.manifestPath);
      open.push(corral);
      // Cold: the session's first call starts a node worker on a Dask worker and imports the bundle there.
      let t0 = performance.now();
      await corral.run(BridgeBench, 'one', 0);
      const coldFirstCallMs = ms(t0);
      await tasksPerS(corral, 8, 0); // both workers warm, as the baseline's warm-up
      // Warm: a new session (new bridge, new Dask client) finds the node workers alive on the Dask workers.
      const second = await session(dir, 'second', cluster.address, built.manifestPath);
      open.push(second);
      t0 = performance.now();
      await second.run(BridgeBench, 'one', 0);
      const warmFirstCallMs = ms(t0);
      const latencies: number[] = [];
      for (let i = 0; i < 7; i++) {
        t0 = performance.now();
        await corral.run(BridgeBench, 'one', 0);
        latencies.push(ms(t0));
      }
      const best = { tiny: 0, spin10: 0 };
      const base: DaskBaseline[] = [];
      for (let r = 0; r < rounds; r++) {
        base.push(await daskBaseline(cluster.address, n, m));
        best.tiny = Math.max(best.tiny, await tasksPerS(corral, n, 0));
        best.spin10 = Math.max(best.spin10, await tasksPerS(corral, m, 10));
      }
      const cold = await session(dir, 'node-per-task', cluster.address, built.manifestPath, false);
      open.push(cold);
      await cold.run(BridgeBench, 'one', 0);
      const nodePerTaskTasksPerS = await tasksPerS(cold, quick ? 10 : 40, 0);

      const baseTiny = Math.max(...base.map((b) => b.tinyTasksPerS));
      const baseSpin10 = Math.max(...base.map((b) => b.spin10TasksPerS));
      const baseLatency = median(base.map((b) => b.latencyMs));
      const latencyMs = median(latencies);
      const ratio = best.tiny / baseTiny;
      const latencyRatio = latencyMs / baseLatency;
      return {
        metrics: {
          workers: 2, tinyTasks: n, spin10Tasks: m, rounds,
          corralTinyTasksPerS: best.tiny, pythonTinyTasksPerS: baseTiny,
          corralSpin10TasksPerS: best.spin10, pythonSpin10TasksPerS: baseSpin10, spin10Ratio: best.spin10 / baseSpin10,
          corralLatencyMs: latencyMs, pythonLatencyMs: baseLatency, latencyRatio,
          corralColdFirstCallMs: coldFirstCallMs, corralWarmFirstCallMs: warmFirstCallMs, pythonFirstCallMs: median(base.map((b) => b.firstCallMs)),
          corralNodePerTaskTasksPerS: nodePerTaskTasksPerS, nodePerTaskRatio: nodePerTaskTasksPerS / baseTiny,
          bundleBytes: built.manifest.bundles[0]!.bytes,
        },
        ratio,
        ratioMeaning: 'corral tiny tasks/s (whole runtime, journal on) over plain Python functions on the same Dask cluster',
        target: 'tiny tasks >= 0.5x plain Python Dask; one-call latency <= 3x; decorator-only bundle < 100 KB',
        met: ratio >= 0.5 && latencyRatio <= 3 && built.manifest.bundles[0]!.bytes < 100 * 1024,
      };
    } finally {
      for (const c of open) await c.close();
      await cluster.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
