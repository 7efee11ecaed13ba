// Writing your own placement policy in a few lines, then comparing it with the
// built-ins in a SIMULATION of a real workflow (Pegasus Montage, 25 tasks) on a
// heterogeneous continuum: HPC (fast, dear), on-demand and spot cloud, a laptop
// holding the data. Nothing runs on real endpoints here.
// `node --import tsx examples/custom-policy.ts`

// %% The policy: DELTA's finish time, but a call whose inputs already sit in an
// endpoint's transfer group stays there unless elsewhere is twice as fast.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderReport, simulationReportData } from '../sdk/report/index.js';
import { loadSimulationEndpoints, planWorkflow, simulate } from '../sdk/runtime/index.js';
import { predictedFinishS, readWorkflowFile, registerPolicy, type PlacementPolicy } from '../sdk/placement/index.js';

const stayNearData: PlacementPolicy = {
  name: 'stay-near-data',
  place(ctx) {
    const best = [...ctx.candidates].sort((a, b) => predictedFinishS(a) - predictedFinishS(b))[0]!;
    const local = ctx.candidates.find((c) => ctx.task.dataLocations.includes(c.transferGroup));
    if (local && predictedFinishS(local) <= 2 * predictedFinishS(best)) return { endpoint: local.name, reason: 'inputs are here' };
    return { endpoint: best.name, reason: 'twice as fast elsewhere' };
  },
};
// Registered by name, it is usable from endpoints.yaml, Corral.open({ policy }) and the CLI.
registerPolicy(stayNearData);

// %% The workflow and the endpoints (the same files `corral simulate` reads).
const fixtures = fileURLToPath(new URL('../__tests__/fixtures/workflows/', import.meta.url));
const problem = { graph: readWorkflowFile(`${fixtures}Montage_25.xml`), ...loadSimulationEndpoints(`${fixtures}endpoints-continuum.yaml`) };

// %% Simulate it against the built-ins, same seed for all.
console.log('SIMULATED: policy, makespan s, USD, kJ');
for (const policy of ['stay-near-data', 'delta', 'heft', 'round-robin', 'fastest', 'cheapest']) {
  const r = await simulate(problem, { policy, seed: 1 });
  console.log(`${policy.padEnd(15)} ${r.makespanS.toFixed(1).padStart(7)} ${r.costUsd.toFixed(5)} ${(r.joules / 1000).toFixed(1)}`);
}

// %% The plan `corral plan` would print, under a budget of half the HEFT plan's cost.
const heft = await planWorkflow(problem, { policy: 'heft' });
const plan = await planWorkflow(problem, { policy: 'budget-heft', budget: { usd: heft.usd / 2 } });
console.log(`budget-heft at $${(heft.usd / 2).toFixed(5)}: makespan ${plan.makespanS.toFixed(1)} s, $${plan.usd.toFixed(5)} (heft: ${heft.makespanS.toFixed(1)} s, $${heft.usd.toFixed(5)})`);

// %% The report of the custom policy's simulated run: where each task went, what it cost.
const ours = await simulate(problem, { policy: 'stay-near-data', seed: 1 });
const reportFile = fileURLToPath(new URL('../reports/custom-policy.html', import.meta.url));
mkdirSync(dirname(reportFile), { recursive: true });
writeFileSync(reportFile, await renderReport(simulationReportData(problem, ours, 'Montage_25.xml')));
console.log(`report: ${reportFile} (open it in a browser)`);
