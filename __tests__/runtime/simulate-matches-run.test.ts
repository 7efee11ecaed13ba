import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { Corral, SimulatedEndpoint, type EndpointDescription, type Predictor } from '../../sdk/index.js';
import { Fan } from '../fixtures/tasks/workflows.js';
import { tempDir } from './helpers.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const BRANCHES = 6;

// Two simulated endpoints, one worker each: "fast" (speed 2) and "steady" (speed 1.5), no cold start, one transfer group.
const endpoints = [
  { name: 'fast', speed: 2 },
  { name: 'steady', speed: 1.5 },
];

/** The Fan workflow as WfFormat: every task takes 1 s at speed 1, as the simulator reads it. */
function fanWorkflow(): unknown {
  const branch = (k: number) => `Fan.branch_ID${k}`;
  const tasks = [
    { name: 'Fan.source', id: 'Fan.source', runtimeInSeconds: 1, parents: [] as string[], files: [] },
    ...Array.from({ length: BRANCHES }, (_, k) => ({ name: branch(k + 1), id: branch(k + 1), runtimeInSeconds: 1, parents: ['Fan.source'], files: [] })),
    { name: 'Fan.join', id: 'Fan.join', runtimeInSeconds: 1, parents: Array.from({ length: BRANCHES }, (_, k) => branch(k + 1)), files: [] },
  ];
  return { name: 'fan', schemaVersion: '1.4', workflow: { tasks } };
}

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
