// %% [markdown]
// # A DAG pipeline under a workflow budget
// Which EC2 instance type transcodes a video most cheaply? From CoreMark and an
// ffmpeg transcode measured on 686 types (examples/data/ec2-bench-dev.csv), a
// workflow of 8 calls: parse, then a fan-out of 5 per-category bootstrap
// statistics and, in parallel, a speed model, then a fan-in that ranks them (a
// diamond: every branch starts from the parse, and the ranking needs them all).
// Futures are passed as arguments; corral starts each call when its inputs are
// ready. The workflow method carries `@costBudget({ usd, deadlineS })`: the run
// is shown against it, then run again on a budget too small, which stops it.
// `node --import tsx examples/dag-pipeline.ts` (or `node bin/corral.js run examples/dag-pipeline.ts`)

// %%
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Table from 'cli-table3';
import { BudgetExceededError, Corral, LocalEndpoint, UpstreamFailedError, loadReportData, renderReport } from '../sdk/index.js';
import { Ec2Pipeline } from './tasks/ec2-pipeline.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const csv = readFileSync(join(here, 'data', 'ec2-bench-dev.csv'), 'utf8');
console.log(`# ec2-bench-dev.csv: ${csv.trim().split('\n').length - 1} instance types measured`);

// %% One endpoint: this machine's worker threads, priced as an on-demand c5.large
// from corral's us-east-1 table. corral bills each call per second with EC2's 60 s
// minimum, so every call here costs the same: that makes the budget easy to follow.
const corral = await Corral.open({
  endpoints: [new LocalEndpoint({ name: 'vm', workers: 2, cost: { model: 'on-demand', instanceType: 'c5.large', region: 'us-east-1' } })],
});
let spent = 0;
corral.events.on('run:started', (e) => { spent = 0; console.log(`\n# run ${e.runId}: ${e.workflow}, budget ${JSON.stringify(e.budget)}`); });
corral.events.on('task:done', (e) => {
  spent += e.usd;
  console.log(`  done    ${e.callId.padEnd(4)} ${e.taskId.padEnd(26)} ${(e.runSeconds * 1000).toFixed(1).padStart(7)} ms  $${e.usd.toFixed(6)}  spent $${spent.toFixed(6)}`);
});
corral.events.on('task:failed', (e) => console.log(`  ${e.error.name === 'BudgetExceededError' ? 'refused' : 'failed '} ${e.callId.padEnd(4)} ${e.taskId.padEnd(26)} ${e.error.name}`));

// %% Run the workflow under its budget ($0.02, 120 s).
const ranking = await corral.run(Ec2Pipeline, 'analyse', csv);
const runId = corral.lastRunId!;

// %% What it found: categories by median $ per transcode (90% bootstrap interval), and the best buys.
const categories = new Table({ head: ['category', 'types', 'median $/transcode', '90% interval', 'cheapest', '$'], style: { head: [], border: [], compact: true } });
for (const c of ranking.categories) {
  categories.push([c.category, c.types, c.medianUsd.toExponential(2), `${c.lowUsd.toExponential(2)}..${c.highUsd.toExponential(2)}`, c.cheapest.type, c.cheapest.usd.toExponential(2)]);
}
console.log(`\n${categories.toString()}`);
for (const b of ranking.best) {
  console.log(`best buy ${b.type.padEnd(14)} $${b.usd.toExponential(2)} per transcode, ${b.seconds.toFixed(1)} s, ${b.vsModel.toFixed(2)}x the time CoreMark predicts`);
}

// %% Spend against the budget, from the journal: the run's budget and every call's cost.
const budget = JSON.parse(corral.journal.getRun(runId)!.budget!) as { usd: number; deadlineS: number };
const calls = corral.journal.calls(runId);
const usd = calls.reduce((s, c) => s + (c.usd ?? 0), 0);
const seconds = (Math.max(...calls.map((c) => c.ended_at ?? 0)) - Math.min(...calls.map((c) => c.submitted_at))) / 1000;
console.log(`\nspent $${usd.toFixed(6)} of $${budget.usd} (${((100 * usd) / budget.usd).toFixed(1)}%) in ${calls.length} calls, ${seconds.toFixed(2)} s of ${budget.deadlineS} s`);

// %% The same workflow on a $0.008 budget: the guard refuses the first call whose
// start would take the projected spend past it, names it, and the run fails. The
// calls that had finished stay in the journal (`corral resume` reuses them).
try {
  await corral.run(Ec2Pipeline, 'analyseOnAShoestring', csv);
  console.log('the shoestring run finished within its budget (it should not have)');
} catch (error) {
  const refused = findBudgetError(error);
  console.log(`\nstopped by ${refused ? `${refused.name} (${refused.code}): ${refused.message}` : String(error)}`);
}
const tight = corral.journal.calls(corral.lastRunId!);
const kept = tight.filter((c) => c.state === 'done');
console.log(`kept in the journal: ${kept.length} finished calls (${[...new Set(kept.map((c) => c.task_id))].join(', ')}), $${kept.reduce((s, c) => s + (c.usd ?? 0), 0).toFixed(6)} spent of $0.008`);
console.log(`states of run ${corral.lastRunId}: ${[...new Set(tight.map((c) => c.state))].map((s) => `${s}=${tight.filter((c) => c.state === s).length}`).join(', ')}`);

// %% The run report of the run within budget: spend per task against the budget, and the task graph.
await corral.close();
const reportFile = join(here, '..', 'reports', 'dag-pipeline.html');
mkdirSync(dirname(reportFile), { recursive: true });
writeFileSync(reportFile, await renderReport(loadReportData(runId)));
console.log(`\nreport: ${reportFile} (open it in a browser)`);

/** The BudgetExceededError itself, or the one that made a downstream call fail (the ranking's input was refused). */
function findBudgetError(error: unknown): BudgetExceededError | undefined {
  for (let e = error; e instanceof Error; e = e instanceof UpstreamFailedError ? e.upstream : e.cause) if (e instanceof BudgetExceededError) return e;
  return undefined;
}
