// Every example runs as documented and prints as it goes (the slow ones in their reduced mode).
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';

const root = fileURLToPath(new URL('../..', import.meta.url));
const journal = () => join(mkdtempSync(join(tmpdir(), 'corral-example-')), 'corral.db');

test('quickstart: every file compressed and hashed on local endpoints, a table of calls, and a report', async () => {
  const r = await execa('node', ['bin/corral.js', 'run', 'examples/quickstart.ts', '--journal', journal()], { cwd: root });
  expect(r.stdout).toMatch(/# 7 files, \d+ KiB in all/);
  expect(r.stdout).toContain('# running Files.catalogue');
  const done = r.stdout.split('\n').filter((l) => /^\s+(done|cached)\s+c\d+/.test(l));
  expect(done.length).toBe(21);
  expect(r.stdout).toMatch(/calls per endpoint: .*threads=\d+/);
  const report = /report: (.*\.html)/.exec(r.stdout)?.[1];
  expect(report && existsSync(report)).toBe(true);
}, 300_000);

test('custom-policy: the policy is registered and compared with the built-ins in a simulation', async () => {
  const r = await execa('node', ['--import', 'tsx', 'examples/custom-policy.ts'], { cwd: root });
  expect(r.stdout).toContain('SIMULATED: policy, makespan s, USD, kJ');
  expect(r.stdout).toMatch(/stay-near-data\s+\d+\.\d/);
  expect(r.stdout).toMatch(/budget-heft at \$/);
  const report = /report: (.*\.html)/.exec(r.stdout)?.[1];
  expect(report && readFileSync(report, 'utf8')).toContain('SIMULATED Montage_25.xml');
}, 300_000);

test('local-and-dask: one workflow across worker threads and a real local Dask cluster', async () => {
  const r = await execa('node', ['bin/corral.js', 'run', 'examples/local-and-dask.ts', '--journal', journal()], { cwd: root });
  expect(r.stdout).toMatch(/# Dask scheduler at tcp:\/\/127\.0\.0\.1:\d+/);
  const counts = /calls per endpoint: threads=(\d+), dask=(\d+)/.exec(r.stdout);
  expect(Number(counts?.[1])).toBeGreaterThan(0);
  expect(Number(counts?.[2])).toBeGreaterThan(0);
  expect(r.stdout).toMatch(/ec2-bench-dev\.csv\s+55559 B -> \d+ B gzip/);
  const report = /report: (.*\.html)/.exec(r.stdout)?.[1];
  expect(report && readFileSync(report, 'utf8')).toContain('Files.catalogue');
}, 300_000);

test('dag-pipeline: a diamond DAG on real data within its workflow budget, then stopped by a budget too small', async () => {
  const r = await execa('node', ['bin/corral.js', 'run', 'examples/dag-pipeline.ts', '--journal', journal()], { cwd: root });
  expect(r.stdout).toContain('# ec2-bench-dev.csv: 686 instance types measured');
  // Every category found a cheapest type, with its median inside the bootstrap interval.
  const rows = [...r.stdout.matchAll(/│ (\w+)\s+│ (\d+)\s+│ ([\d.e-]+)\s+│ ([\d.e-]+)\.\.([\d.e-]+)\s+│ (\S+)\s+│/g)];
  expect(rows.map((m) => m[1]).sort()).toEqual(['accelerated', 'compute', 'general', 'memory', 'storage']);
  for (const [, , types, median, low, high] of rows) {
    expect(Number(types)).toBeGreaterThan(10);
    expect(Number(low)).toBeLessThanOrEqual(Number(median));
    expect(Number(median)).toBeLessThanOrEqual(Number(high));
  }
  // The run within budget: 8 calls at the same billed price, well under $0.02.
  const spent = /spent \$([\d.]+) of \$0\.02 \([\d.]+%\) in (\d+) calls/.exec(r.stdout);
  expect(Number(spent?.[2])).toBe(8);
  expect(Number(spent?.[1])).toBeGreaterThan(0);
  expect(Number(spent?.[1])).toBeLessThan(0.02);
  // The shoestring run: refused by the guard, naming a task; what finished is kept and within $0.008.
  expect(r.stdout).toMatch(/stopped by BudgetExceededError \(CORRAL_BUDGET_EXCEEDED\): task Ec2Pipeline\.\w+ not started: .*budget usd 0\.008/);
  const kept = /kept in the journal: (\d+) finished calls \(.*\), \$([\d.]+) spent of \$0\.008/.exec(r.stdout);
  expect(Number(kept?.[1])).toBeGreaterThanOrEqual(1);
  expect(Number(kept?.[1])).toBeLessThan(8);
  expect(Number(kept?.[2])).toBeLessThanOrEqual(0.008);
  const report = /report: (.*\.html)/.exec(r.stdout)?.[1];
  expect(report && existsSync(report)).toBe(true);
}, 300_000);

test('cost-aware-placement: the same DAG on local, Dask and simulated cloud/spot endpoints under three policies', async () => {
  const r = await execa('node', ['bin/corral.js', 'run', 'examples/cost-aware-placement.ts', '--journal', journal()], { cwd: root });
  expect(r.stdout).toMatch(/spot\s+spot\s+\$0\.0\d+ per busy hour/); // priced from the SpotLake file
  expect(r.stdout).toMatch(/# Dask scheduler at tcp:\/\/127\.0\.0\.1:\d+/);
  const rows = Object.fromEntries([...r.stdout.matchAll(/│ ([\w-]+)\s+│ (\d+)\s+│ (\d+)\s+│ (\d+)\s+│ (\d+)\s+│ ([\d.]+)\s+│ ([\d.]+)\s+│ ([\d.e+-]+)\s+│/g)]
    .map((m) => [m[1], { laptop: +m[2]!, dask: +m[3]!, cloud: +m[4]!, spot: +m[5]!, runS: +m[7]!, usd: +m[8]! }]));
  expect(Object.keys(rows)).toEqual(['round-robin', 'cheapest', 'fastest', 'tradeoff']);
  for (const row of Object.values(rows)) expect(row.laptop + row.dask + row.cloud + row.spot).toBe(8);
  // The profiling run reached every endpoint, the real Dask cluster included.
  for (const e of ['laptop', 'dask', 'cloud', 'spot'] as const) expect(rows['round-robin']![e]).toBeGreaterThan(0);
  // cheapest never pays for the on-demand cloud and spends least; fastest goes to the 3x faster cloud
  // and runs in less time; tradeoff, weighing dollars too, sends no more calls to the dearest endpoint.
  expect(rows.cheapest!.cloud).toBe(0);
  expect(rows.cheapest!.usd).toBe(Math.min(...Object.values(rows).map((x) => x.usd)));
  expect(rows.fastest!.cloud).toBeGreaterThanOrEqual(4);
  expect(rows.fastest!.runS).toBeLessThan(rows.cheapest!.runS);
  expect(rows.tradeoff!.cloud).toBeLessThanOrEqual(rows.fastest!.cloud);
  const report = /report: (.*\.html)/.exec(r.stdout)?.[1];
  expect(report && existsSync(report)).toBe(true);
}, 300_000);

test('spot-forecast: forecasters backtested against naive on real spot prices, a forecast with its interval, the cheapest zone, a job run there', async () => {
  const r = await execa('node', ['bin/corral.js', 'run', 'examples/spot-forecast.ts', '--journal', journal()], { cwd: root });
  expect(r.stdout).toMatch(/# spotlake: spotlake format, 4 series/);
  expect(r.stdout).toMatch(/# aws2015: events format, 2 series/);
  // corral's choice is never much worse than naive, and on the 2024 data both are within 4% at the median.
  const errors = [...r.stdout.matchAll(/^(\w+) H=(\d+): auto median error ([\d.]+)% vs naive ([\d.]+)%/gm)];
  expect(errors).toHaveLength(4);
  for (const [, name, , auto, naive] of errors) {
    expect(Number(auto)).toBeLessThanOrEqual(Number(naive) * 1.05 + 1e-9);
    if (name === 'spotlake') expect(Number(naive)).toBeLessThan(4);
  }
  // Forecasts: six series, each point forecast inside its 90% interval.
  const forecasts = [...r.stdout.matchAll(/^forecast (\S+)\s+\S+\s+\$([\d.]+)\/h, 24 h: \$([\d.]+) \[90%: ([\d.]+)\.\.([\d.]+)\]/gm)];
  expect(forecasts).toHaveLength(6);
  for (const [, , perHour, cost, low, high] of forecasts) {
    expect(Number(cost)).toBeCloseTo(Number(perHour) * 24, 2);
    expect(Number(low)).toBeLessThanOrEqual(Number(cost));
    expect(Number(cost)).toBeLessThanOrEqual(Number(high));
  }
  // All four zones share an interruption band, so the chosen one is the zone forecast cheapest per hour.
  const c5 = forecasts.filter((f) => f[1]!.startsWith('c5.large@')).sort((a, b) => Number(a[2]) - Number(b[2]));
  const chosen = /chosen zone for a 10 h job due in 12 h: (\S+) \(c5\.large\), expected \$([\d.]+)/.exec(r.stdout);
  expect(`c5.large@${chosen?.[1]}`).toBe(c5[0]![1]);
  expect(Number(chosen?.[2])).toBeCloseTo(Number(c5[0]![2]) * 10, 1);
  // The job ran there as 15 tasks, priced by the zone's spot model, within its $0.05 budget.
  expect(r.stdout).toMatch(/aws2015 H=168, 15 forecasters as tasks: best [\w+-]+ \(median [\d.]+%\)/);
  const spent = /: 15 calls on (\S+), \$([\d.e+-]+) spent \(predicted \$([\d.e+-]+)\), budget \$0\.05/.exec(r.stdout);
  expect(spent?.[1]).toBe(chosen?.[1]);
  expect(Number(spent?.[2])).toBeGreaterThan(0);
  expect(Number(spent?.[2])).toBeLessThanOrEqual(0.05);
  const report = /report: (.*\.html)/.exec(r.stdout)?.[1];
  expect(report && existsSync(report)).toBe(true);
}, 300_000);

test('profiling-design: active experiment design against random choice on real data, then planned experiments run as corral tasks', async () => {
  const r = await execa('node', ['bin/corral.js', 'run', 'examples/profiling-design.ts', '--journal', journal()], { cwd: root });
  expect(r.stdout).toMatch(/# ec2-bench\.csv: 686 instance types, \d+ families/);
  // The claim on real data: 6 chosen experiments predict unseen families at least as well as 14 random ones.
  const claim = /active with 6 experiments: ([\d.]+)%; random with 14: ([\d.]+)%; active matches random-14 from n=(\d+)/.exec(r.stdout);
  expect(Number(claim?.[1])).toBeLessThanOrEqual(Number(claim?.[2]));
  expect(Number(claim?.[3])).toBeLessThanOrEqual(6);
  expect(r.stdout).toMatch(/first 6 experiments to run: ([\w.-]+, ){5}[\w.-]+\n/);
  // Part 2, in a fresh journal: 5 of 16 candidates planned, then all 16 measured, the edge 4x slower.
  expect(r.stdout).toContain('Kernels.sort: 16 candidates, 0 already run; planned:');
  const plannedPairs = [...r.stdout.matchAll(/^ {2}\d\. (threads|edge)\s+n=(\d+)$/gm)].map((m) => `${m[1]} ${m[2]}`);
  expect(plannedPairs).toHaveLength(5);
  const runs = [...r.stdout.matchAll(/^ {2}(threads|edge)\s+n=(\d+)\s+([\d.]+) s( {2}\(planned\))?$/gm)];
  expect(runs).toHaveLength(16);
  // Each planned experiment ran where the plan said: the store recorded the planned run's calls there.
  expect(runs.filter((m) => m[4]).map((m) => `${m[1]} ${m[2]}`).sort()).toEqual([...plannedPairs].sort());
  for (const m of runs) expect(Number(m[3])).toBeGreaterThan(0);
  const largest = (e: string) => Number(runs.find((m) => m[1] === e && m[2] === String(2 ** 21))![3]);
  expect(largest('edge')).toBeGreaterThan(largest('threads'));
  expect(r.stdout).toMatch(/profile store \(every run in this journal\) after run \S+: (edge|threads) \d ok/);
  const mape = /held-out MAPE: planned 5 ([\d.]+)%, random 5 ([\d.]+)%, random 8 ([\d.]+)%/.exec(r.stdout);
  for (const v of mape!.slice(1)) expect(Number.isFinite(Number(v))).toBe(true);
  expect(Number(mape?.[1])).toBeLessThan(150); // timings here are noisy (a shared machine); a broken model is far off
  const report = /report: (.*\.html)/.exec(r.stdout)?.[1];
  expect(report && existsSync(report)).toBe(true);
}, 300_000);
