import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Benchmark } from './benchmark.js';

const run = promisify(execFile);
const child = fileURLToPath(new URL('./runtime-scale-child.ts', import.meta.url));
const rawPiscina = fileURLToPath(new URL('./runtime-scale-piscina.mjs', import.meta.url));
const root = fileURLToPath(new URL('..', import.meta.url));

interface Measured { readonly seconds: number; readonly callsPerS: number; readonly cpuUsPerCall: number; readonly peakRssMB: number }

/**
 * One child process: `mode` runtime (corral, journal on disk), endpoint (LocalEndpoint alone) or piscina (raw
 * piscina on plain node, no corral and no tsx), `n` calls, `inFlight` at a time; corral runs the task from the
 * bundle in `manifest` (what `corral build` makes).
 */
async function measure(mode: 'runtime' | 'endpoint' | 'piscina', n: number, inFlight: number, manifest: string): Promise<Measured> {
  const env = { ...process.env, CORRAL_MANIFEST: manifest };
  const args = mode === 'piscina' ? [rawPiscina, String(n), String(inFlight)] : ['--import', 'tsx', child, mode, String(n), String(inFlight)];
  const { stdout } = await run(process.execPath, args, { cwd: root, env, maxBuffer: 1 << 20 });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as Measured;
}

/** Builds the fixture's manifest and bundles (as `corral build` does) into a temporary folder. */
async function buildFixture(dir: string): Promise<string> {
  const { build } = await import('../codegen/index.js');
  const built = await build({ root, files: [fileURLToPath(new URL('./fixtures/noop-tasks.ts', import.meta.url))], outDir: dir, force: true });
  if (!built.manifest) throw new Error(`bench runtime/scale-100k: building bench/fixtures/noop-tasks.ts failed: ${built.diagnostics.map((d) => d.message).join('; ')}`);
  return built.manifestPath;
}

/**
 * A workflow of 100,000 no-op calls with 10,000 in flight at a time on one
 * local endpoint (2 thread workers), each in its own process, the task run
 * from its bundle: peak resident memory, calls/s and CPU per call of the
 * corral runtime (journal on disk) against the same calls sent straight to a
 * LocalEndpoint, and against raw piscina (the same pool settings, a plain JS
 * no-op worker, plain node): the tool a user would otherwise take. The CPU
 * difference runtime - endpoint is the runtime's overhead per call. A 10-call
 * session gives the floor (node, corral and two workers loaded), so growth
 * with the workflow shows.
 */
export const runtimeScale: Benchmark = {
  suite: 'runtime',
  name: 'scale-100k',
  async run({ quick }) {
    const n = quick ? 20_000 : 100_000;
    const inFlight = quick ? 2_000 : 10_000;
    const dir = mkdtempSync(join(tmpdir(), 'corral-bench-scale-build-'));
    let floor: Measured, piscina: Measured, endpoint: Measured, runtime: Measured;
    try {
      const manifest = await buildFixture(dir);
      floor = await measure('runtime', 10, 10, manifest);
      piscina = await measure('piscina', n, inFlight, manifest);
      endpoint = await measure('endpoint', n, inFlight, manifest);
      runtime = await measure('runtime', n, inFlight, manifest);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    return {
      metrics: {
        calls: n, inFlight,
        // CPU of the whole process (orchestrator and worker threads) per call; the difference is corral's own work per call.
        runtimeCpuUsPerCall: runtime.cpuUsPerCall, endpointCpuUsPerCall: endpoint.cpuUsPerCall, piscinaCpuUsPerCall: piscina.cpuUsPerCall,
        overheadCpuUsPerCall: runtime.cpuUsPerCall - endpoint.cpuUsPerCall,
        overheadTargetMet: String(runtime.cpuUsPerCall - endpoint.cpuUsPerCall <= 50),
        runtimePeakRssMB: runtime.peakRssMB, endpointPeakRssMB: endpoint.peakRssMB, piscinaPeakRssMB: piscina.peakRssMB, floorPeakRssMB: floor.peakRssMB,
        runtimeGrowthMB: runtime.peakRssMB - floor.peakRssMB,
        // Against raw piscina: what corral's runtime and its LocalEndpoint cost over the tool a user would otherwise take.
        runtimeOverEndpointRss: runtime.peakRssMB / endpoint.peakRssMB, endpointOverPiscinaRss: endpoint.peakRssMB / piscina.peakRssMB,
        runtimeOverPiscinaCpu: runtime.cpuUsPerCall / piscina.cpuUsPerCall, endpointOverPiscinaCpu: endpoint.cpuUsPerCall / piscina.cpuUsPerCall,
        runtimeCallsPerS: runtime.callsPerS, endpointCallsPerS: endpoint.callsPerS, piscinaCallsPerS: piscina.callsPerS,
      },
      ratio: runtime.peakRssMB / piscina.peakRssMB,
      ratioMeaning: 'peak RSS of the corral runtime / peak RSS of the same calls on raw piscina (< 1 = corral lighter)',
      target: 'peak RSS < 300 MB for 100,000 calls with 10,000 in flight',
      met: !quick && runtime.peakRssMB < 300,
    };
  },
};
