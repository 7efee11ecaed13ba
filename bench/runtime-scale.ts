import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Benchmark } from './benchmark.js';

const run = promisify(execFile);
const child = fileURLToPath(new URL('./runtime-scale-child.ts', import.meta.url));
const root = fileURLToPath(new URL('..', import.meta.url));

interface Measured { readonly seconds: number; readonly callsPerS: number; readonly peakRssMB: number }

/** One child process: `mode` runtime (corral, journal on disk) or endpoint (LocalEndpoint alone), `n` calls, `inFlight` at a time. */
async function measure(mode: 'runtime' | 'endpoint', n: number, inFlight: number): Promise<Measured> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', child, mode, String(n), String(inFlight)], { cwd: root, maxBuffer: 1 << 20 });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as Measured;
}

/**
 * A workflow of 100,000 no-op calls with 10,000 in flight at a time on one
 * local endpoint (2 thread workers), each in its own process: peak resident
 * memory and calls/s of the corral runtime (journal on disk) against the same
 * calls sent straight to a LocalEndpoint. A 10-call session gives the floor
 * (node, corral and two workers loaded), so growth with the workflow shows.
 */
export const runtimeScale: Benchmark = {
  suite: 'runtime',
  name: 'scale-100k',
  async run({ quick }) {
    const n = quick ? 20_000 : 100_000;
    const inFlight = quick ? 2_000 : 10_000;
    const floor = await measure('runtime', 10, 10);
    const endpoint = await measure('endpoint', n, inFlight);
    const runtime = await measure('runtime', n, inFlight);
    return {
      metrics: {
        calls: n, inFlight,
        runtimePeakRssMB: runtime.peakRssMB, endpointPeakRssMB: endpoint.peakRssMB, floorPeakRssMB: floor.peakRssMB,
        runtimeGrowthMB: runtime.peakRssMB - floor.peakRssMB,
        runtimeCallsPerS: runtime.callsPerS, endpointCallsPerS: endpoint.callsPerS,
      },
      ratio: runtime.peakRssMB / endpoint.peakRssMB,
      ratioMeaning: 'peak RSS of the corral runtime / peak RSS of the same calls sent straight to the LocalEndpoint (< 1 = corral lighter)',
      target: 'peak RSS < 300 MB for 100,000 calls with 10,000 in flight',
      met: !quick && runtime.peakRssMB < 300,
    };
  },
};
