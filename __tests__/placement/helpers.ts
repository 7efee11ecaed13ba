import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { main } from '../../sdk/cli/main.js';
import { TaskGraph, type Plan } from '../../sdk/index.js';
import { TransferModel, type PlanEdge, type PlanEndpoint, type PlanningProblem, type PlanTask, type SimEndpoint } from '../../sdk/placement/index.js';

export const fixtures = fileURLToPath(new URL('../fixtures/workflows/', import.meta.url));

/** The HEFT paper's 10-task, 3-processor example; `edge37` picks the transcription of edge 3->7. */
export function heftPaper(edge37?: number): PlanningProblem {
  const d = JSON.parse(readFileSync(`${fixtures}heft_paper_example.json`, 'utf8')) as { processors: string[]; computation_cost: Record<string, number[]>; edges: [number, number, number][] };
  const g = new TaskGraph<PlanTask, PlanEdge>();
  for (const [id, cost] of Object.entries(d.computation_cost)) g.addNode(id, { id, seconds: Object.fromEntries(d.processors.map((p, k) => [p, cost[k]!])) });
  for (const [a, b, c] of d.edges) g.addEdge(String(a), String(b), { bytes: 0, seconds: a === 3 && b === 7 && edge37 !== undefined ? edge37 : c });
  return { graph: g, endpoints: d.processors.map((p) => ({ name: p, workers: 1, speed: 1, transferGroup: p })) };
}

/**
 * Checks a plan against its problem independently of the planner: every task
 * once, run time as given, parents finished (plus transfer) before a child
 * starts, and never more tasks at once on an endpoint than it has workers.
 */
export function checkPlan(problem: PlanningProblem, plan: Plan, comm: (edge: PlanEdge, from: PlanEndpoint, to: PlanEndpoint) => number): void {
  const byTask = new Map(plan.tasks.map((t) => [t.task, t]));
  expect(byTask.size).toBe(problem.graph.size);
  const eps = new Map(problem.endpoints.map((e) => [e.name, e]));
  for (const { from, to, data } of problem.graph.edges()) {
    const a = byTask.get(from)!; const b = byTask.get(to)!;
    const c = a.endpoint === b.endpoint ? 0 : comm(data, eps.get(a.endpoint)!, eps.get(b.endpoint)!);
    expect(b.startS + 1e-6).toBeGreaterThanOrEqual(a.endS + c);
  }
  for (const ep of problem.endpoints) {
    const mine = plan.tasks.filter((t) => t.endpoint === ep.name);
    const points = mine.flatMap((t) => [[t.startS, 1], [t.endS, -1]] as const).sort((x, y) => x[0] - y[0] || x[1] - y[1]);
    let running = 0;
    for (const [, d] of points) { running += d; expect(running).toBeLessThanOrEqual(ep.workers); }
  }
  expect(plan.makespanS).toBeCloseTo(Math.max(...plan.tasks.map((t) => t.endS)), 6);
}

/** Fixed-seconds edges (the HEFT paper): the edge cost when endpoints differ. */
export const fixedComm = (edge: PlanEdge) => edge.seconds ?? 0;

/** Runs the `corral` CLI in-process, capturing stdout, stderr and the exit code. */
export async function corral(...args: string[]): Promise<{ stdout: string; stderr: string; exitCode: number }> {
  const out: string[] = []; const err: string[] = [];
  const write = { out: process.stdout.write.bind(process.stdout), err: process.stderr.write.bind(process.stderr) };
  process.stdout.write = ((chunk: string) => { out.push(String(chunk)); return true; }) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string) => { err.push(String(chunk)); return true; }) as typeof process.stderr.write;
  const before = process.exitCode;
  try {
    await main(['node', 'corral', ...args]);
    return { stdout: out.join(''), stderr: err.join(''), exitCode: Number(process.exitCode ?? 0) };
  } finally {
    process.stdout.write = write.out; process.stderr.write = write.err;
    process.exitCode = before;
  }
}

/** Two sites: the data's, and one holding a faster endpoint. */
export function twoSites(speedB = 4): SimEndpoint[] {
  return [
    { name: 'near', workers: 1, speed: 1, transferGroup: 'A' },
    { name: 'far', workers: 1, speed: speedB, transferGroup: 'B' },
  ];
}

/** A chain make -> scale -> sum passing `bytes` along each edge, its input at A. */
export function chain(bytes: number): TaskGraph<PlanTask, PlanEdge> {
  const g = new TaskGraph<PlanTask, PlanEdge>();
  for (const id of ['make', 'scale', 'sum']) g.addNode(id, { id, baseSeconds: 40, ...(id === 'make' ? { inputBytes: bytes, dataLocation: 'A' } : {}) });
  return g.addEdge('make', 'scale', { bytes }).addEdge('scale', 'sum', { bytes });
}


/** A fan-out of 6 short tasks over a 1 MB input at A, a bigger faster site at B: each cut edge pays 12 s of latency. */
export function fanOut() {
  const transfer = new TransferModel().link('A', 'B', { latencyS: 12, bytesPerS: 20e6 });
  const g = new TaskGraph<PlanTask, PlanEdge>().addNode('src', { id: 'src', baseSeconds: 1, inputBytes: 1e6, dataLocation: 'A' }).addNode('sink', { id: 'sink', baseSeconds: 1 });
  for (let k = 0; k < 6; k++) g.addNode(`w${k}`, { id: `w${k}`, baseSeconds: 8 }).addEdge('src', `w${k}`, { bytes: 1e6 }).addEdge(`w${k}`, 'sink', { bytes: 1e6 });
  const endpoints: SimEndpoint[] = [{ name: 'near', workers: 2, speed: 1, transferGroup: 'A' }, { name: 'far', workers: 8, speed: 2, transferGroup: 'B' }];
  return { graph: g, endpoints, transfer };
}
