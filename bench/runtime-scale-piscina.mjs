// The raw piscina baseline of bench/runtime-scale.ts, in plain JS so that it runs on plain node (no tsx, no
// corral): the tool a user would otherwise take. The same calls as runtime-scale-child.ts's modes: `n` no-op
// calls, `inFlight` outstanding at a time, on 2 worker threads with atomics 'async' (as LocalEndpoint sets).
import { Piscina } from 'piscina';

const [nArg, inFlightArg, workersArg] = process.argv.slice(2);
const n = Number(nArg);
const inFlight = Number(inFlightArg);
const workers = Number(workersArg ?? 2);

const t0 = performance.now();
const cpu0 = process.cpuUsage();
const pool = new Piscina({ filename: new URL('./fixtures/noop-worker.mjs', import.meta.url).href, minThreads: workers, maxThreads: workers, atomics: 'async' });
let next = 0;
let sum = 0;
const lane = async () => {
  while (next < n) {
    const i = next++;
    const value = await pool.run({ value: i, spinMs: 0 });
    sum += value;
  }
};
await Promise.all(Array.from({ length: inFlight }, lane));
await pool.destroy();
const seconds = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
if (sum !== (n * (n - 1)) / 2) throw new Error(`wrong sum ${sum} for ${n} calls`);
process.stdout.write(`${JSON.stringify({ mode: 'piscina', n, inFlight, seconds, callsPerS: n / seconds, cpuUsPerCall: (cpu.user + cpu.system) / n, peakRssMB: process.resourceUsage().maxRSS / 1024, heapUsedMB: process.memoryUsage().heapUsed / 2 ** 20 })}\n`);
