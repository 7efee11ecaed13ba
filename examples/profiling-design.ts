// %% [markdown]
// # Choosing which experiments to run: active design against random choice
// A run-time model is only as good as the runs it learnt from, and runs cost time
// and money. corral's experiment design picks the runs that most reduce the model's
// predictive variance over every candidate (a Gaussian process on the standardised
// log features; the criterion needs no measured times, so the plan is known before
// anything runs).
// 1. On real data: ffmpeg transcode seconds on 686 EC2 types
//    (__tests__/fixtures/profiling/ec2-bench.csv), grouped cross-validation: error on
//    unseen instance families after n chosen experiments, active against random choice
//    (averaged over 20 random orders), as `corral profile evaluate --design both` does.
// 2. On this machine: a sort kernel at 8 input sizes on 2 endpoints (worker threads, and
//    a SIMULATED edge device 4x slower). corral plans 5 experiments of the 16 candidates
//    (as `corral profile plan` does), runs them as corral tasks (the profile store in the
//    journal records each attempt), fits a model from the store, and checks it on the
//    other 11 candidates, run as well, against models from random choices.
// `node --import tsx examples/profiling-design.ts` (or `node bin/corral.js run examples/profiling-design.ts`),
// about 15 s. The plan skips candidates the journal has already run: run it with a fresh
// journal (`node bin/corral.js run examples/profiling-design.ts --journal /tmp/j.db`) to start over.

// %%
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Corral, LocalEndpoint, SimulatedEndpoint, characteriseEndpoint, chooseExperiments, loadReportData, readProfileCsv, renderReport, type PlacementPolicy } from '../sdk/index.js';
import { compareDesigns, endpointFeatures, fitDesignModel, planTaskExperiments, readCandidateCsv, runCalibrationKernel, type FeatureRow } from '../sdk/profiling/index.js';
import { Kernels } from './tasks/kernels.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const ec2 = join(here, '..', '__tests__', 'fixtures', 'profiling', 'ec2-bench.csv');
const features = ['vcpus', 'cpu_mhz', 'memory_mb', 'coremark_iter_per_s'];

// %% Part 1, real data: active against random choice, error on unseen instance families.
const table = readProfileCsv(ec2, { response: 'ffmpeg_elapsed_s', features, group: 'family' });
console.log(`# ec2-bench.csv: ${table.rows.length} instance types, ${new Set(table.groups).size} families; response ffmpeg seconds; features ${features.join(', ')}`);
const curve = compareDesigns(table, features, { budget: 14, seeds: 20, folds: 5 });
console.log(' n  active MAPE %  random MAPE %');
for (let i = 0; i < 14; i++) console.log(`${String(i + 1).padStart(2)}  ${curve.active[i]!.mapePct.toFixed(1).padStart(12)}  ${curve.random[i]!.mapePct.toFixed(1).padStart(12)}`);
const random14 = curve.random[13]!.mapePct;
const matching = curve.active.find((p) => p.mapePct <= random14);
console.log(`active with 6 experiments: ${curve.active[5]!.mapePct.toFixed(1)}%; random with 14: ${random14.toFixed(1)}%; active matches random-14 from n=${matching?.n ?? 'never'}`);

// %% The plan itself, over the whole CSV (`corral profile plan --data ec2-bench.csv --features ... --id instance_type`).
const candidates = readCandidateCsv(ec2, features, 'instance_type');
console.log(`first 6 experiments to run: ${chooseExperiments(candidates.rows, features, 6).map((i) => candidates.ids[i]).join(', ')}`);

// %% Part 2, this machine: two endpoints, characterised in the profile store (hardware + calibration
// score). A small policy sends each call where the plan says: it takes the first planned
// experiment with the call's input size.
const todo: Array<{ endpoint: string; n: number }> = [];
const asPlanned: PlacementPolicy = {
  name: 'as-planned',
  place(ctx) {
    const i = todo.findIndex((t) => t.n === ctx.task.features.n && ctx.candidates.some((c) => c.name === t.endpoint));
    return { endpoint: todo.splice(i, 1)[0]!.endpoint, reason: 'planned experiment' };
  },
};
const threads = new LocalEndpoint({ name: 'threads', workers: 1 });
const edge = new SimulatedEndpoint({ name: 'edge', workers: 1, speed: 0.25 });
const corral = await Corral.open({ endpoints: [threads, edge], policy: asPlanned });
const calibration = runCalibrationKernel().iterationsPerSecond; // threads run on this machine
const hardware = {
  threads: await characteriseEndpoint(corral.profiles, threads.describe(), () => calibration),
  // The edge device is simulated at a quarter of this machine's speed: its score says so.
  edge: await characteriseEndpoint(corral.profiles, { ...edge.describe(), hardware: { ...edge.describe().hardware, calibration: calibration / 4 } }, () => calibration / 4),
};
console.log('');
for (const [name, h] of Object.entries(hardware)) console.log(`${name}: ${h.cores} cores, calibration ${Math.round(h.calibration ?? 0)} iterations/s`);

// %% Plan 5 experiments of the 16 candidates (2 endpoints x 8 input sizes) before running anything.
const task = 'Kernels.sort';
const sizes = [14, 15, 16, 17, 18, 19, 20, 21].map((k) => 2 ** k);
const plan = planTaskExperiments(corral.profiles, task, { budget: 5, inputs: sizes.map((n) => ({ n })) });
console.log(`${task}: ${plan.candidates} candidates, ${plan.observed} already run; planned:`);
plan.experiments.forEach((e, k) => console.log(`  ${k + 1}. ${e.endpoint.padEnd(7)} n=${e.features.n}`));

// %% Run the plan as corral tasks. The profile store in the journal records every attempt.
const grid = Object.entries(hardware).flatMap(([endpoint, h]) => sizes.map((n) => ({ endpoint, n, row: { n, ...endpointFeatures({ hardware: h }) } as FeatureRow })));
const planned = plan.experiments.map((e) => grid.find((g) => g.endpoint === e.endpoint && g.n === e.features.n)!);
todo.push(...planned);
await corral.run(Kernels, 'experiments', planned.map((g) => g.n));
const plannedRun = corral.lastRunId!;
console.log(`profile store (every run in this journal) after run ${plannedRun}: ${corral.profiles.summary(task).map((s) => `${s.endpoint} ${s.ok} ok, mean ${(s.meanRunSeconds ?? NaN).toFixed(3)} s`).join('; ')}`);

// %% To check the model, run the other 11 candidates too (a real study would not need to).
const rest = grid.filter((g) => !planned.includes(g));
todo.push(...rest);
await corral.run(Kernels, 'experiments', rest.map((g) => g.n));
const measured = new Map<string, number>();
const inPlannedRun = new Set<string>(); // where the store says the planned run's calls ran
for (const a of corral.profiles.attempts(task, { outcome: 'ok' })) {
  if (a.runSeconds !== undefined) measured.set(`${a.endpoint}:${a.features.n}`, a.runSeconds);
  if (a.runId === plannedRun) inPlannedRun.add(`${a.endpoint}:${a.features.n}`);
}
const secondsOf = (g: (typeof grid)[number]) => measured.get(`${g.endpoint}:${g.n}`)!;
await corral.close();

// %% Error on the candidates a model did not see: the 5 planned, against 5 and 8 random ones (20 draws each).
const names = Object.keys(grid[0]!.row);
const pool = grid.map((g) => g.row);
const heldOutError = (chosen: typeof grid) => {
  const predict = fitDesignModel(pool, names, chosen.map((g) => g.row), chosen.map(secondsOf));
  const unseen = grid.filter((g) => !chosen.includes(g));
  return (100 * unseen.reduce((s, g) => s + Math.abs(predict(g.row) - secondsOf(g)) / secondsOf(g), 0)) / unseen.length;
};
let seed = 7;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const randomError = (n: number) => {
  let sum = 0;
  for (let draw = 0; draw < 20; draw++) sum += heldOutError([...grid].sort(() => random() - 0.5).slice(0, n));
  return sum / 20;
};
for (const g of grid) console.log(`  ${g.endpoint.padEnd(7)} n=${String(g.n).padEnd(8)} ${secondsOf(g).toFixed(4).padStart(8)} s${inPlannedRun.has(`${g.endpoint}:${g.n}`) ? '  (planned)' : ''}`);
console.log(`held-out MAPE: planned 5 ${heldOutError(planned).toFixed(1)}%, random 5 ${randomError(5).toFixed(1)}%, random 8 ${randomError(8).toFixed(1)}%`);

// %% The report of the run of the planned experiments.
const reportFile = join(here, '..', 'reports', 'profiling-design.html');
mkdirSync(dirname(reportFile), { recursive: true });
writeFileSync(reportFile, await renderReport(loadReportData(plannedRun)));
console.log(`\nreport: ${reportFile} (open it in a browser)`);
