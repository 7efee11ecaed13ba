// Child process of bench/runtime-scale.ts: runs `n` no-op calls with `inFlight` outstanding at a time,
// through the corral runtime (journal on disk) or straight to a LocalEndpoint (baseline), and prints
// its peak resident memory and calls per second.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as Sdk from '../sdk/index.js';
import type * as Graph from '../sdk/graph/index.js';
import type * as Fixture from './fixtures/noop-tasks.js';

// $CORRAL_BENCH_INSTALLED names a project with corral installed (the bench makes one whose node_modules/corral is
// this checkout, so corral runs compiled, from dist/, as a user's does). Its noop-tasks.ts imports from 'corral' and
// hands on the corral it got (and where that resolved), so this process uses the one instance the fixture uses.
// Otherwise corral runs from this checkout's sources, through tsx.
const installed = process.env.CORRAL_BENCH_INSTALLED;
type InstalledFixture = typeof Fixture & Pick<typeof Sdk, 'Corral' | 'LocalEndpoint'> & { corralUrl: string };
const fixture = (await import(installed ? join(installed, 'noop-tasks.ts') : './fixtures/noop-tasks.js')) as InstalledFixture;
const { NoopWindow } = fixture;
const { Corral, LocalEndpoint } = installed ? fixture : (await import('../sdk/index.js')) as typeof Sdk;
const { loadManifest, locatorOf } = (await import(installed ? new URL('graph/index.js', fixture.corralUrl).href : '../sdk/graph/index.js')) as typeof Graph;

const [mode, nArg, inFlightArg, workersArg] = process.argv.slice(2);
const n = Number(nArg);
const inFlight = Number(inFlightArg);
const workers = Number(workersArg ?? 2);
// With $CORRAL_MANIFEST (a build of the fixture), both modes run the task from its bundle, as `corral run` does after `corral build`.
const manifestFile = process.env.CORRAL_MANIFEST;
const locator = manifestFile ? locatorOf(await loadManifest(manifestFile), 'NoopWindow.noop')
  : { module: fileURLToPath(new URL('./fixtures/noop-tasks.ts', import.meta.url)), kind: 'method', className: 'NoopWindow', member: 'noop' } as const;

/**
 * CPU time of this process's main thread alone, in µs (Linux: /proc/self/task/PID/stat, utime + stime in clock
 * ticks of 10 ms): the orchestrator's own work, without its worker threads (whose CPU also counts idle polling).
 */
function mainThreadCpuUs(): number {
  const fields = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10_000;
}

async function viaEndpoint(): Promise<number> {
  const ep = new LocalEndpoint({ name: 'bench', workers });
  let next = 0;
  let sum = 0;
  const lane = async (): Promise<void> => {
    while (next < n) {
      const i = next++;
      const { value } = await ep.submit({ attemptId: `a${i}`, callId: `c${i}`, taskId: 'NoopWindow.noop', attempt: 1, locator, args: [i] }).result;
      sum += value as number;
    }
  };
  await Promise.all(Array.from({ length: inFlight }, lane));
  await ep.close();
  return sum;
}

async function viaRuntime(): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'corral-bench-scale-'));
  // $CORRAL_BENCH_HEAP_GROWTH=off: the session leaves V8 its own heap growth rule (heapGrowthPercent: false).
  const heapGrowthPercent = process.env.CORRAL_BENCH_HEAP_GROWTH === 'off' ? { heapGrowthPercent: false as const } : {};
  const corral = await Corral.open({ endpoints: [new LocalEndpoint({ name: 'bench', workers })], journal: join(dir, 'corral.db'), ...heapGrowthPercent });
  try {
    return await corral.run(NoopWindow, 'window', n, inFlight);
  } finally {
    await corral.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const t0 = performance.now();
const cpu0 = process.cpuUsage();
const main0 = mainThreadCpuUs();
const sum = mode === 'runtime' ? await viaRuntime() : await viaEndpoint();
const seconds = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
const mainCpu = mainThreadCpuUs() - main0;
if (sum !== (n * (n - 1)) / 2) throw new Error(`wrong sum ${sum} for ${n} calls`);
process.stdout.write(`${JSON.stringify({ mode, n, inFlight, seconds, callsPerS: n / seconds, cpuUsPerCall: (cpu.user + cpu.system) / n, mainCpuUsPerCall: mainCpu / n, peakRssMB: process.resourceUsage().maxRSS / 1024, heapUsedMB: process.memoryUsage().heapUsed / 2 ** 20 })}\n`);
