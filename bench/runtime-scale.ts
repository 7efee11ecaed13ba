import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Benchmark } from './benchmark.js';

const run = promisify(execFile);
const child = fileURLToPath(new URL('./runtime-scale-child.ts', import.meta.url));
const rawPiscina = fileURLToPath(new URL('./runtime-scale-piscina.mjs', import.meta.url));
const root = fileURLToPath(new URL('..', import.meta.url));

const fixture = fileURLToPath(new URL('./fixtures/noop-tasks.ts', import.meta.url));

interface Measured { readonly seconds: number; readonly callsPerS: number; readonly cpuUsPerCall: number; readonly mainCpuUsPerCall: number; readonly peakRssMB: number }

/** Where corral comes from in a child: this checkout's sources through tsx, or `installed` (a project that installed corral). */
type Form = { readonly manifest: string; readonly installed?: string };

/**
 * One child process: `mode` runtime (corral, journal on disk), endpoint (LocalEndpoint alone) or piscina (raw
 * piscina on plain node, no corral and no tsx), `n` calls, `inFlight` at a time; corral runs the task from the
 * bundle in the form's manifest (what `corral build` makes). The fixture is always loaded through tsx, as
 * `corral run` loads a user's workflow.
 */
async function measure(mode: 'runtime' | 'endpoint' | 'piscina', n: number, inFlight: number, form: Form, heapGrowth: 'capped' | 'off' = 'capped'): Promise<Measured> {
  const env = { ...process.env, CORRAL_MANIFEST: form.manifest, CORRAL_BENCH_HEAP_GROWTH: heapGrowth, ...(form.installed ? { CORRAL_BENCH_INSTALLED: form.installed } : {}) };
  const args = mode === 'piscina' ? [rawPiscina, String(n), String(inFlight)] : ['--import', 'tsx', child, mode, String(n), String(inFlight)];
  const { stdout } = await run(process.execPath, args, { cwd: root, env, maxBuffer: 1 << 20 });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as Measured;
}

/** Builds `file`'s manifest and bundles (as `corral build` does) into `dir`. */
async function buildFixture(projectRoot: string, file: string, dir: string): Promise<string> {
  const { build } = await import('../codegen/index.js');
  const built = await build({ root: projectRoot, files: [file], outDir: dir, force: true });
  if (!built.manifest) throw new Error(`bench runtime/scale-100k: building ${file} failed: ${built.diagnostics.map((d) => d.message).join('; ')}`);
  return built.manifestPath;
}

/**
 * A project in `dir` that has corral installed, as `npm install corral` leaves it: node_modules/corral is this
 * checkout (so 'corral' resolves to its compiled dist/, built first by `npm run build`), and noop-tasks.ts is the
 * fixture importing from 'corral'. Returns its form.
 */
async function installedProject(dir: string): Promise<Form> {
  await run('npm', ['run', 'build'], { cwd: root, maxBuffer: 16 << 20 });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'scale-bench', private: true, type: 'module', dependencies: { corral: `file:${root}` } }));
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(root, join(dir, 'node_modules', 'corral'), 'dir');
  const source = readFileSync(fixture, 'utf8').replace(/from '\.\.\/\.\.\/sdk\/index\.js'/g, "from 'corral'");
  if (!source.includes("from 'corral'")) throw new Error('bench runtime/scale-100k: bench/fixtures/noop-tasks.ts no longer imports ../../sdk/index.js');
  writeFileSync(join(dir, 'noop-tasks.ts'), `${source}
// For the bench's child process: the corral this module imported, and where it resolved.
export { Corral, LocalEndpoint } from 'corral';
export const corralUrl = import.meta.resolve('corral');
`);
  return { installed: dir, manifest: await buildFixture(dir, join(dir, 'noop-tasks.ts'), join(dir, 'build')) };
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
 * with the workflow shows; the runtime is measured again with heapGrowthPercent:
 * false, so the cost and gain of bounding V8's heap growth show. Corral is measured twice: as installed (compiled,
 * from dist/, which `npm run build` refreshes first), the form users run and
 * the one the targets are checked on; and from this checkout's sources
 * through tsx, whose transpiled code is slower (esbuild's name helpers on hot
 * paths) and larger.
 */
export const runtimeScale: Benchmark = {
  suite: 'runtime',
  name: 'scale-100k',
  async run({ quick }) {
    const n = quick ? 20_000 : 100_000;
    const inFlight = quick ? 2_000 : 10_000;
    const dir = mkdtempSync(join(tmpdir(), 'corral-bench-scale-build-'));
    const project = mkdtempSync(join(tmpdir(), 'corral-bench-scale-installed-'));
    let floor: Measured, piscina: Measured, endpoint: Measured, runtime: Measured, uncapped: Measured, sourceEndpoint: Measured, sourceRuntime: Measured;
    try {
      const installed = await installedProject(project);
      const source: Form = { manifest: await buildFixture(root, fixture, dir) };
      floor = await measure('runtime', 10, 10, installed);
      piscina = await measure('piscina', n, inFlight, installed);
      endpoint = await measure('endpoint', n, inFlight, installed);
      runtime = await measure('runtime', n, inFlight, installed);
      uncapped = await measure('runtime', n, inFlight, installed, 'off');
      sourceEndpoint = await measure('endpoint', n, inFlight, source);
      sourceRuntime = await measure('runtime', n, inFlight, source);
    } finally {
      rmSync(dir, { recursive: true, force: true });
      rmSync(project, { recursive: true, force: true });
    }
    return {
      metrics: {
        calls: n, inFlight,
        // CPU of the whole process (orchestrator and worker threads) per call; the difference is corral's own work per call.
        runtimeCpuUsPerCall: runtime.cpuUsPerCall, endpointCpuUsPerCall: endpoint.cpuUsPerCall, piscinaCpuUsPerCall: piscina.cpuUsPerCall,
        overheadCpuUsPerCall: runtime.cpuUsPerCall - endpoint.cpuUsPerCall,
        overheadTargetMet: String(runtime.cpuUsPerCall - endpoint.cpuUsPerCall <= 50),
        // The main thread alone (the orchestrator, without worker threads or V8's GC helpers): where corral's own work runs.
        runtimeMainCpuUsPerCall: runtime.mainCpuUsPerCall, endpointMainCpuUsPerCall: endpoint.mainCpuUsPerCall,
        mainOverheadCpuUsPerCall: runtime.mainCpuUsPerCall - endpoint.mainCpuUsPerCall,
        runtimePeakRssMB: runtime.peakRssMB, endpointPeakRssMB: endpoint.peakRssMB, piscinaPeakRssMB: piscina.peakRssMB, floorPeakRssMB: floor.peakRssMB,
        runtimeGrowthMB: runtime.peakRssMB - floor.peakRssMB,
        // The same run with heapGrowthPercent: false (V8's own growth rule for the old generation).
        uncappedRuntimePeakRssMB: uncapped.peakRssMB, uncappedRuntimeCpuUsPerCall: uncapped.cpuUsPerCall, uncappedRuntimeMainCpuUsPerCall: uncapped.mainCpuUsPerCall,
        // Against raw piscina: what corral's runtime and its LocalEndpoint cost over the tool a user would otherwise take.
        runtimeOverEndpointRss: runtime.peakRssMB / endpoint.peakRssMB, endpointOverPiscinaRss: endpoint.peakRssMB / piscina.peakRssMB,
        runtimeOverPiscinaCpu: runtime.cpuUsPerCall / piscina.cpuUsPerCall, endpointOverPiscinaCpu: endpoint.cpuUsPerCall / piscina.cpuUsPerCall,
        runtimeCallsPerS: runtime.callsPerS, endpointCallsPerS: endpoint.callsPerS, piscinaCallsPerS: piscina.callsPerS,
        // The same runtime and endpoint runs from this checkout's sources through tsx.
        sourceRuntimeCpuUsPerCall: sourceRuntime.cpuUsPerCall, sourceEndpointCpuUsPerCall: sourceEndpoint.cpuUsPerCall,
        sourceOverheadCpuUsPerCall: sourceRuntime.cpuUsPerCall - sourceEndpoint.cpuUsPerCall,
        sourceRuntimePeakRssMB: sourceRuntime.peakRssMB, sourceEndpointPeakRssMB: sourceEndpoint.peakRssMB,
      },
      ratio: runtime.peakRssMB / piscina.peakRssMB,
      ratioMeaning: 'peak RSS of the corral runtime / peak RSS of the same calls on raw piscina (< 1 = corral lighter)',
      target: 'peak RSS < 300 MB for 100,000 calls with 10,000 in flight (corral as installed)',
      met: !quick && runtime.peakRssMB < 300,
    };
  },
};
