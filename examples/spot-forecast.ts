// %% [markdown]
// # Spot prices: forecast, backtest, and the cheapest zone for a job
// Real AWS spot prices: SpotLake's hourly snapshots of c5.large in four zones
// (January 2024) and describe-spot-price-history events of m3.medium in two zones
// (March-April 2015, before AWS smoothed spot prices in 2017); both files are in
// __tests__/fixtures/pricing (see the README there for source and licence).
// 1. Backtest: each forecaster predicts the cost of the next H hours from every
//    window start, using only the past; its error against what was paid is compared
//    with the naive last price.
// 2. Forecast the next 24 hours per zone, with 90% intervals.
// 3. Choose the zone for a job of JOB_HOURS hours (default 10) that must finish within
//    DEADLINE_HOURS (default 12), counting re-execution after interruptions.
// 4. Run a job there: the backtest of the 2015 series, one corral task per forecaster,
//    on a SIMULATED spot endpoint priced by the chosen zone's forecast; its run report.
// `node --import tsx examples/spot-forecast.ts` (or `node bin/corral.js run examples/spot-forecast.ts`), a few seconds.

// %%
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Table from 'cli-table3';
import { Corral, SimulatedEndpoint, cheapestSpot, createCostModel, evaluateSpot, forecastSpot, loadReportData, readSpotPrices, renderReport } from '../sdk/index.js';
import { spotModelNames } from '../sdk/pricing/index.js';
import { SpotBacktest } from './tasks/spot-backtest.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const fixtures = join(here, '..', '__tests__', 'fixtures', 'pricing');
const files = { spotlake: join(fixtures, 'spotlake-c5-large-2024-01.csv'), aws2015: join(fixtures, 'aws-2015-m3-medium.csv') };
const jobHours = Number(process.env.JOB_HOURS ?? 10);
const deadlineHours = Number(process.env.DEADLINE_HOURS ?? 12);
const data = { spotlake: readSpotPrices(files.spotlake), aws2015: readSpotPrices(files.aws2015) };
for (const [name, d] of Object.entries(data)) {
  console.log(`# ${name}: ${d.format} format, ${d.series.size} series (${[...d.series.keys()].join(', ')}), ${d.droppedMissing} missing prices dropped`);
}

// %% Backtest: error of the forecast cost of the next H hours, windows every 6 h after a 7-day warm-up.
// `auto` is corral's choice: per series and window, the model with the smallest past error.
const shown = ['naive', 'ses', 'drift', 'mean-reversion', 'seasonal-daily', 'ensemble', 'auto'];
const backtest = new Table({ head: ['data', 'H', 'windows', 'model', 'median APE %', 'p95 APE %', 'under 4 %', '90% coverage %'], style: { head: [], border: [], compact: true } });
for (const [name, d] of Object.entries(data)) {
  for (const horizon of [24, 168]) {
    const e = evaluateSpot(d, { horizon });
    for (const m of e.models.filter((x) => shown.includes(x.name))) {
      backtest.push([name, horizon, e.windows, m.name, m.medianApePct.toFixed(3), m.p95ApePct.toFixed(2), m.shareUnder4Pct.toFixed(1), m.coverage90Pct.toFixed(1)]);
    }
    const naive = e.models.find((m) => m.name === 'naive')!;
    const auto = e.models.find((m) => m.name === 'auto')!;
    console.log(`${name} H=${horizon}: auto median error ${auto.medianApePct.toFixed(3)}% vs naive ${naive.medianApePct.toFixed(3)}% (auto picked ${Object.entries(e.autoPicks).map(([k, v]) => `${k} ${v}x`).join(', ')})`);
  }
}
console.log(backtest.toString());

// %% Forecast: the cost of running 24 hours from the end of each history, with its 90% interval.
for (const f of [...forecastSpot(data.spotlake, { horizonHours: 24 }), ...forecastSpot(data.aws2015, { horizonHours: 24 })]) {
  console.log(`forecast ${f.key.padEnd(22)} ${f.model.padEnd(15)} $${f.usdPerHour.mean.toFixed(4)}/h, 24 h: $${f.costUsd.mean.toFixed(4)} [90%: ${f.costUsd.p5.toFixed(4)}..${f.costUsd.p95.toFixed(4)}] (on demand $${((f.onDemandUsdPerHour ?? NaN) * 24).toFixed(4)}) from ${new Date(f.fromMs).toISOString().slice(0, 16)}`);
}

// %% Choose: the cheapest zone for the job, including expected re-execution (checkpoints of 60 s).
const choices = cheapestSpot(data.spotlake, { hours: jobHours, deadlineHours, checkpointCostHours: 60 / 3600 });
for (const c of choices) {
  console.log(`${c.forecast.key.padEnd(22)} $${c.costUsd.mean.toFixed(4)} [${c.costUsd.p5.toFixed(4)}..${c.costUsd.p95.toFixed(4)}]  ${c.run.wallHours.toFixed(3)} h wall, ${c.run.expectedInterruptions.toExponential(1)} interruptions expected${c.meetsDeadline ? '' : '  MISSES DEADLINE'}`);
}
const chosen = choices[0]!;
if (!chosen.meetsDeadline) throw new Error(`no zone finishes a ${jobHours} h job within ${deadlineHours} h`);
console.log(`chosen zone for a ${jobHours} h job due in ${deadlineHours} h: ${chosen.forecast.zone} (${chosen.forecast.instanceType}), expected $${chosen.costUsd.mean.toFixed(4)}`);

// %% Run a job in the chosen zone: the 2015 backtest at one week, one task per forecaster, on a
// SIMULATED spot endpoint (the code runs here) priced by corral's spot cost model for that zone.
// No checkpoints for these sub-second tasks: the model would charge each call one (60 s) checkpoint.
const spot = createCostModel({ model: 'spot', prices: files.spotlake, instanceType: chosen.forecast.instanceType, zone: chosen.forecast.zone });
const corral = await Corral.open({
  endpoints: [new SimulatedEndpoint({ name: `spot-${chosen.forecast.zone}`, workers: 2, preemptionPerHour: chosen.ratePerHour, seed: 1 })],
  costModels: { [`spot-${chosen.forecast.zone}`]: spot },
  policy: 'cheapest',
});
const models = spotModelNames().filter((m) => m !== 'naive' && m !== 'auto');
const scores = await corral.run(SpotBacktest, 'compare', files.aws2015, 168, models);
const runId = corral.lastRunId!;
const best = [...scores].sort((a, b) => a.medianApePct - b.medianApePct)[0]!;
console.log(`aws2015 H=168, ${scores.length} forecasters as tasks: best ${best.name} (median ${best.medianApePct.toFixed(3)}%)`);
const calls = corral.journal.calls(runId);
const usd = calls.reduce((s, c) => s + (c.usd ?? 0), 0);
const predicted = calls.reduce((s, c) => s + (c.predicted_usd ?? 0), 0);
console.log(`run ${runId}: ${calls.length} calls on ${chosen.forecast.zone}, $${usd.toExponential(3)} spent (predicted $${predicted.toExponential(3)}), budget $0.05`);

// %% The run report.
await corral.close();
const reportFile = join(here, '..', 'reports', 'spot-forecast.html');
mkdirSync(dirname(reportFile), { recursive: true });
writeFileSync(reportFile, await renderReport(loadReportData(runId)));
console.log(`\nreport: ${reportFile} (open it in a browser)`);
