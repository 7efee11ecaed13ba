// %% [markdown]
// # Cost-aware placement: this machine, a real Dask cluster and a simulated cloud
// The DAG of examples/dag-pipeline.ts (8 calls on the EC2 benchmark data) runs on
// four endpoints, each priced by a `cost:` block as endpoints.yaml would give it:
// - `laptop`: this machine's worker threads, priced by energy (15 W at $0.30/kWh);
// - `dask`: a real Dask scheduler and 2 workers on 127.0.0.1 (Debian's python3-distributed
//   under /usr/bin/python3 or $CORRAL_PYTHON), priced as on-demand c5.large;
// - `cloud`: SIMULATED on-demand c5.2xlarge, 3x faster (the code runs here, the times are scaled);
// - `spot`: SIMULATED c5.large spot in use1-az2, priced from the real SpotLake prices of
//   January 2024 with expected re-execution after preemptions.
// Two runs under round robin profile every endpoint (one sample per endpoint is at the mercy
// of a first call's warm-up); then the same workflow runs under `cheapest`, `fastest` and
// `tradeoff`, and a table shows where calls went, seconds and USD.
// `node --import tsx examples/cost-aware-placement.ts` (or `node bin/corral.js run examples/cost-aware-placement.ts`)
// takes under a minute: Dask starts in seconds and each Dask call starts a node process.
// PLACEMENT_POLICIES=cheapest,tradeoff (any comma-separated list) runs fewer policies.

// %%
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Table from 'cli-table3';
import { Corral, DASK_PYTHON, DaskEndpoint, Journal, LocalEndpoint, SimulatedEndpoint, createCostModel, loadReportData, renderReport, startLocalDaskCluster } from '../sdk/index.js';
import { costConfigSchema } from '../sdk/pricing/index.js';
import { journalPath } from '../sdk/runtime/index.js';
import { Ec2Pipeline } from './tasks/ec2-pipeline.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const csv = readFileSync(join(here, 'data', 'ec2-bench-dev.csv'), 'utf8');
const policies = (process.env.PLACEMENT_POLICIES ?? 'cheapest,fastest,tradeoff').split(',');

// %% The `cost:` blocks, checked by the same schema endpoints.yaml is checked with.
const spotPrices = join(here, '..', '__tests__', 'fixtures', 'pricing', 'spotlake-c5-large-2024-01.csv');
const costs = {
  laptop: { model: 'energy', activeWatts: 15, usdPerKWh: 0.3 },
  dask: { model: 'on-demand', instanceType: 'c5.large', region: 'us-east-1', minimumBilledS: 0 },
  cloud: { model: 'on-demand', instanceType: 'c5.2xlarge', region: 'us-east-1', minimumBilledS: 0 },
  spot: { model: 'spot', prices: spotPrices, instanceType: 'c5.large', zone: 'use1-az2' },
};
for (const block of Object.values(costs)) costConfigSchema.parse(block); // a bad field throws, naming it
const costModels = Object.fromEntries(Object.entries(costs).map(([name, block]) => [name, createCostModel(block, { where: `endpoint "${name}"` })]));
for (const [name, model] of Object.entries(costModels)) {
  const hour = model.estimate({ name, kind: 'local', workers: 1, transferGroup: name, hardware: { cores: 1 } }, 3600, new Date());
  console.log(`${name.padEnd(7)} ${costs[name as keyof typeof costs].model.padEnd(10)} $${hour.usd.toFixed(4)} per busy hour`);
}

// %% A real Dask cluster, and one session over all four endpoints.
const cluster = await startLocalDaskCluster(2);
console.log(`\n# Dask scheduler at ${cluster.address}`);
const endpoints = () => [
  new LocalEndpoint({ name: 'laptop', workers: 2, cost: costs.laptop }),
  new DaskEndpoint({ name: 'dask', address: cluster.address, workers: 2, python: DASK_PYTHON, cost: costs.dask }),
  new SimulatedEndpoint({ name: 'cloud', workers: 4, speed: 3, seed: 1 }),
  new SimulatedEndpoint({ name: 'spot', workers: 4, speed: 1, preemptionPerHour: 0.5, seed: 1 }),
];

// %% Run the workflow under each policy: twice under round robin (the profiling runs; the
// table shows the second), once under each other policy. Each session shares the journal, so
// its predictor knows every endpoint from the profiling runs (and from the runs before it).
const PROFILING_RUNS = 2;
const results: Array<{ policy: string; runId: string; wallS: number }> = [];
try {
  for (const policy of ['round-robin', ...policies]) {
    const corral = await Corral.open({ endpoints: endpoints(), policy, costModels });
    try {
      for (let i = 0; i < (policy === 'round-robin' ? PROFILING_RUNS : 1); i++) {
        const t0 = performance.now();
        const ranking = await corral.run(Ec2Pipeline, 'analyse', csv);
        const wallS = (performance.now() - t0) / 1000;
        if (i > 0) results.pop(); // the table keeps the last profiling run
        results.push({ policy, runId: corral.lastRunId!, wallS });
        console.log(`${policy.padEnd(11)} ${wallS.toFixed(1)} s; cheapest transcode: ${ranking.best[0]!.type}`);
      }
    } finally {
      await corral.close();
    }
  }
} finally {
  await cluster.stop();
}

// %% Where calls went, seconds and dollars, per policy (from the journal). Run seconds
// and dollars of `cloud` and `spot` are simulated; wall seconds are measured.
const journal = Journal.open(journalPath());
const table = new Table({ head: ['policy', 'laptop', 'dask', 'cloud', 'spot', 'wall s', 'run s', 'USD'], style: { head: [], border: [], compact: true } });
for (const r of results) {
  const calls = journal.calls(r.runId);
  const count = (e: string) => calls.filter((c) => c.endpoint === e).length;
  const runS = calls.reduce((s, c) => s + (c.run_seconds ?? 0), 0);
  const usd = calls.reduce((s, c) => s + (c.usd ?? 0), 0);
  table.push([r.policy, count('laptop'), count('dask'), count('cloud'), count('spot'), r.wallS.toFixed(2), runS.toFixed(3), usd.toExponential(3)]);
}
console.log(`\n${table.toString()}\n(cloud and spot: simulated run seconds and dollars; wall seconds measured here)`);
journal.close();

// %% The report of the tradeoff run (the last one).
const last = results[results.length - 1]!;
const reportFile = join(here, '..', 'reports', 'cost-aware-placement.html');
mkdirSync(dirname(reportFile), { recursive: true });
writeFileSync(reportFile, await renderReport(loadReportData(last.runId)));
console.log(`\nreport: ${reportFile} (the ${last.policy} run; open it in a browser)`);
