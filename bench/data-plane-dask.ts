import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DASK_PYTHON, startLocalDaskCluster } from '../sdk/bridge/index.js';
import { Corral, DaskEndpoint } from '../sdk/index.js';
import { dataSummary } from '../sdk/runtime/index.js';
import type { Benchmark } from './benchmark.js';
import { ClientArrays, KeptArrays, expectedSums } from './data-plane-tasks.js';

type Shape = 'chain' | 'fanIn';

/** One run of a shape: wall seconds and bytes through the client (from the journal's data moves). */
async function measure(corral: Corral, cls: typeof KeptArrays | typeof ClientArrays, shape: Shape, n: number, k: number): Promise<{ seconds: number; bytes: number }> {
  const t0 = performance.now();
  const got = shape === 'chain' ? await corral.run(cls, 'chain', n) : await corral.run(cls, 'fanIn', n, k);
  const seconds = (performance.now() - t0) / 1000;
  const want = expectedSums(n, k)[shape];
  if (got !== want) throw new Error(`data-plane benchmark: ${cls.name}.${shape} returned ${got}, expected ${want}`);
  return { seconds, bytes: dataSummary(corral.journal, corral.lastRunId!).bytesThroughClient };
}

/**
 * corral's data plane on a real local Dask cluster (2 workers): a chain
 * (make -> scale -> scale -> sum) and a fan-in (k makes -> one sum) over
 * 20 MB Float64Arrays (2 MB with --quick) that the orchestrator never awaits
 * but for the final number. Results kept on the workers (references) against
 * the same workflow with every result brought back to the client
 * (`keep: 'client'`), in the same run: bytes through the client and wall
 * time, and their ratios (targets: bytes < 1%, wall <= 0.5x).
 *
 * @example
 * ```sh
 * node bin/corral.js bench data-plane
 * ```
 */
export const dataPlaneDask: Benchmark = {
  suite: 'data-plane',
  name: 'dask-references-vs-through-client',
  async run({ quick }) {
    const n = quick ? 250_000 : 2_500_000; // 2 MB or 20 MB per array
    const k = 3;
    const rounds = quick ? 2 : 3;
    const dir = mkdtempSync(join(tmpdir(), 'corral-bench-data-'));
    const cluster = await startLocalDaskCluster(2);
    const open = async (name: string) => Corral.open({
      // The through-client path sends whole arrays in each request: lift the 10 MB payload cap for it.
      endpoints: [new DaskEndpoint({ name, address: cluster.address, python: DASK_PYTHON, workers: 2, maxPayloadBytes: 1e9 })],
      journal: join(dir, `${name}.db`),
    });
    const kept = await open('kept');
    const client = await open('client');
    try {
      // Warm both sessions' node workers on both Dask workers (the first call of a program there pays seconds of cold start).
      for (const [corral, cls] of [[kept, KeptArrays], [client, ClientArrays]] as const) {
        await measure(corral, cls, 'fanIn', 100_000, 4);
        await measure(corral, cls, 'chain', 100_000, k);
        await measure(corral, cls, 'chain', 100_000, k);
      }
      const best = { keptChain: Infinity, clientChain: Infinity, keptFan: Infinity, clientFan: Infinity };
      const bytes = { keptChain: 0, clientChain: 0, keptFan: 0, clientFan: 0 };
      for (let r = 0; r < rounds; r++) {
        // Alternate which path goes first, so neither always runs on a cooler machine.
        const order: Array<[keyof typeof best, Corral, typeof KeptArrays | typeof ClientArrays, Shape]> = [
          ['keptChain', kept, KeptArrays, 'chain'], ['clientChain', client, ClientArrays, 'chain'],
          ['keptFan', kept, KeptArrays, 'fanIn'], ['clientFan', client, ClientArrays, 'fanIn'],
        ];
        if (r % 2 === 1) order.reverse();
        for (const [key, corral, cls, shape] of order) {
          const m = await measure(corral, cls, shape, n, k);
          best[key] = Math.min(best[key], m.seconds);
          bytes[key] = m.bytes;
        }
      }
      const bytesRatio = (bytes.keptChain + bytes.keptFan) / (bytes.clientChain + bytes.clientFan);
      const wallRatio = (best.keptChain + best.keptFan) / (best.clientChain + best.clientFan);
      return {
        metrics: {
          arrayMB: (n * 8) / 1e6, fanIn: k,
          keptChainS: round(best.keptChain), clientChainS: round(best.clientChain),
          keptFanInS: round(best.keptFan), clientFanInS: round(best.clientFan),
          keptChainBytes: bytes.keptChain, clientChainBytes: bytes.clientChain,
          keptFanInBytes: bytes.keptFan, clientFanInBytes: bytes.clientFan,
          chainWallRatio: round(best.keptChain / best.clientChain), fanInWallRatio: round(best.keptFan / best.clientFan),
          bytesRatioPct: round(bytesRatio * 100, 4),
        },
        ratio: round(wallRatio),
        ratioMeaning: 'wall time of chain + fan-in with references / through the client (< 1 = corral faster)',
        target: 'bytes through the client < 1% of the through-client path; wall ratio <= 0.5x',
        met: bytesRatio < 0.01 && wallRatio <= 0.5,
      };
    } finally {
      await kept.close();
      await client.close();
      await cluster.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

function round(x: number, digits = 3): number {
  return +x.toPrecision(digits);
}
