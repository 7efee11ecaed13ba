import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { Corral, SimulatedEndpoint, type EndpointDescription, type Predictor } from '../../sdk/index.js';
import { BudgetFan } from '../fixtures/tasks/budget-fan.js';
import { Fan } from '../fixtures/tasks/workflows.js';
import { tempDir } from './helpers.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const BRANCHES = 6;

// Two simulated endpoints, one worker each: "fast" (speed 2) and "steady" (speed 1.5), no cold start, one transfer group.
const endpoints = [
  { name: 'fast', speed: 2 },
  { name: 'steady', speed: 1.5 },
];

/** The Fan workflow (class `cls`) as WfFormat: every task takes 1 s at speed 1, as the simulator reads it. */
function fanWorkflow(cls = 'Fan'): unknown {
  const branch = (k: number) => `${cls}.branch_ID${k}`;
  const tasks = [
    { name: `${cls}.source`, id: `${cls}.source`, runtimeInSeconds: 1, parents: [] as string[], files: [] },
    ...Array.from({ length: BRANCHES }, (_, k) => ({ name: branch(k + 1), id: branch(k + 1), runtimeInSeconds: 1, parents: [`${cls}.source`], files: [] })),
    { name: `${cls}.join`, id: `${cls}.join`, runtimeInSeconds: 1, parents: Array.from({ length: BRANCHES }, (_, k) => branch(k + 1)), files: [] },
  ];
  return { name: 'fan', schemaVersion: '1.4', workflow: { tasks } };
}

/** The call names of a Fan run in journal order, as the WfFormat names its tasks. */
const fanNames = (cls: string) => [`${cls}.source`, ...Array.from({ length: BRANCHES }, (_, k) => `${cls}.branch_ID${k + 1}`), `${cls}.join`];

/** What the simulator knows of a 1 s task, given to the real run: seconds = 1 / speed of the endpoint. */
const speedPredictor: Predictor = {
  predict: (_task: string, _f: Readonly<Record<string, number>>, d: EndpointDescription) => ({ seconds: 1 / Number(d.labels?.speed ?? 1), stdev: 0, source: 'model' }),
  observe: () => undefined,
};

test('corral simulate and a real run on SimulatedEndpoints choose the same endpoint for every call under delta', async () => {
  const dir = tempDir();
  const wf = join(dir, 'fan.json');
  const yaml = join(dir, 'endpoints.yaml');
  writeFileSync(wf, JSON.stringify(fanWorkflow()));
  writeFileSync(yaml, `endpoints:\n${endpoints.map((e) => `  - name: ${e.name}\n    kind: simulated\n    workers: 1\n    speed: ${e.speed}\n    transferGroup: lab\n`).join('')}`);
  const simulated = JSON.parse((await execa('node', ['bin/corral.js', 'simulate', wf, '--endpoints', yaml, '--policy', 'delta', '--json'], { cwd: root })).stdout) as { placements: Array<{ task: string; endpoint: string }> };
  const simChoice = new Map(simulated.placements.map((p) => [p.task, p.endpoint]));

  const corral = await Corral.open({
    endpoints: endpoints.map((e) => new SimulatedEndpoint({ name: e.name, workers: 1, speed: e.speed, transferGroup: 'lab' })),
    policy: 'delta', predictor: speedPredictor, journal: join(dir, 'corral.db'),
  });
  try {
    expect(await corral.run(Fan, 'run', 1, BRANCHES)).toBe(2 * (BRANCHES * (BRANCHES + 1)) / 2);
    const calls = corral.journal.calls(corral.lastRunId!);
    const names = ['Fan.source', ...Array.from({ length: BRANCHES }, (_, k) => `Fan.branch_ID${k + 1}`), 'Fan.join'];
    const runChoice = new Map(calls.map((c, i) => [names[i]!, c.endpoint]));
    expect(calls.map((c) => c.task_id)).toEqual(['Fan.source', ...Array(BRANCHES).fill('Fan.branch'), 'Fan.join']);
    expect(Object.fromEntries(runChoice)).toEqual(Object.fromEntries(names.map((n) => [n, simChoice.get(n)])));
    // Not a trivial agreement: the queue on "fast" sends some branches to "steady".
    expect(new Set(runChoice.values())).toEqual(new Set(['fast', 'steady']));
  } finally {
    await corral.close();
  }
}, 120_000);

// Three simulated endpoints, one worker each: "fast" (speed 3) costs $1 per second, so one call there
// ($0.33) breaks the $0.10 budget and every call degrades away from it; "spot" (speed 2, $0.36/h) and
// "steady" (speed 1.3, free) keep it. With `preempted`, every attempt on "spot" is preempted at once.
interface BudgetEndpoint { name: string; speed: number; usdPerHour: number; preemptionPerHour: number }
const budgetEndpoints = (preempted: boolean): BudgetEndpoint[] => [
  { name: 'fast', speed: 3, usdPerHour: 3600, preemptionPerHour: 0 },
  { name: 'spot', speed: 2, usdPerHour: 0.36, preemptionPerHour: preempted ? 3.6e15 : 0 },
  { name: 'steady', speed: 1.3, usdPerHour: 0, preemptionPerHour: 0 },
];

/** What `corral simulate` and `corral plan` (delta, $0.10) and a real `corral run` of BudgetFan on SimulatedEndpoints did. */
async function threeWays(preempted: boolean) {
  const dir = tempDir();
  const wf = join(dir, 'fan.json');
  const yaml = join(dir, 'endpoints.yaml');
  const eps = budgetEndpoints(preempted);
  writeFileSync(wf, JSON.stringify(fanWorkflow('BudgetFan')));
  writeFileSync(yaml, `endpoints:\n${eps.map((e) => `  ${e.name}:\n    kind: simulated\n    workers: 1\n    speed: ${e.speed}\n    transferGroup: lab\n    preemptionPerHour: ${e.preemptionPerHour}\n    cost: { usdPerHour: ${e.usdPerHour} }\n`).join('')}`);
  const cli = async (...args: string[]) => JSON.parse((await execa('node', ['bin/corral.js', ...args, wf, '--endpoints', yaml, '--policy', 'delta', '--budget', '0.1', '--json'], { cwd: root })).stdout) as unknown;
  const simulated = await cli('simulate') as { placements: Array<{ task: string; endpoint: string; attempts: number }>; costUsd: number; preemptions: number; stoppedBy?: string };
  const planned = await cli('plan') as { tasks: Array<{ task: string; endpoint: string }> };

  const corral = await Corral.open({
    endpoints: eps.map((e) => new SimulatedEndpoint({ name: e.name, workers: 1, speed: e.speed, transferGroup: 'lab', cost: { usdPerHour: e.usdPerHour }, preemptionPerHour: e.preemptionPerHour })),
    policy: 'delta', predictor: speedPredictor, journal: join(dir, 'corral.db'), retryBackoffS: 0.01,
  });
  try {
    expect(await corral.run(BudgetFan, 'run', 1, BRANCHES)).toBe(2 * (BRANCHES * (BRANCHES + 1)) / 2);
    const runId = corral.lastRunId!;
    const calls = corral.journal.calls(runId);
    expect(calls.map((c) => c.task_id)).toEqual(['BudgetFan.source', ...Array(BRANCHES).fill('BudgetFan.branch'), 'BudgetFan.join']);
    const names = fanNames('BudgetFan');
    const attempts = corral.journal.attempts(runId);
    const run = new Map(calls.map((c, i) => [names[i]!, {
      endpoint: c.endpoint, attempts: c.attempts,
      first: attempts.find((a) => a.call_id === c.call_id && a.attempt === 1)!.endpoint,
    }]));
    return { simulated, planned, run, names };
  } finally {
    await corral.close();
  }
}

test('corral simulate, corral plan and a real run on SimulatedEndpoints choose the same endpoint for every call under delta and a degrading budget', async () => {
  const { simulated, planned, run, names } = await threeWays(false);
  const sim = new Map(simulated.placements.map((p) => [p.task, p.endpoint]));
  const plan = new Map(planned.tasks.map((t) => [t.task, t.endpoint]));
  const real = new Map([...run].map(([k, v]) => [k, v.endpoint]));
  expect(Object.fromEntries(sim)).toEqual(Object.fromEntries(real));
  expect(Object.fromEntries(plan)).toEqual(Object.fromEntries(real));
  expect([...real.keys()].sort()).toEqual([...names].sort());
  // The budget binds (delta would take "fast" without it), and the queue on "spot" sends some calls to "steady".
  expect(new Set(real.values())).toEqual(new Set(['spot', 'steady']));
  expect(simulated.costUsd).toBeLessThanOrEqual(0.1);
}, 180_000);

test('with retries: every attempt on a preempting endpoint fails over, and simulate and a real run agree on each call\'s endpoints and attempts', async () => {
  const { simulated, run } = await threeWays(true);
  expect(simulated.stoppedBy).toBeUndefined();
  const sim = new Map(simulated.placements.map((p) => [p.task, { endpoint: p.endpoint, attempts: p.attempts }]));
  const real = new Map([...run].map(([k, v]) => [k, { endpoint: v.endpoint, attempts: v.attempts }]));
  expect(Object.fromEntries(sim)).toEqual(Object.fromEntries(real));
  // Retries happened: calls first placed on "spot" were preempted there and finished elsewhere, in both.
  const retried = [...run.values()].filter((c) => c.first === 'spot');
  expect(retried.length).toBeGreaterThan(0);
  for (const c of retried) expect(c).toMatchObject({ attempts: 2, endpoint: 'steady' });
  expect(simulated.preemptions).toBe(retried.length);
}, 180_000);
