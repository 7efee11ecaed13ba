import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { TaskGraph, type Plan } from '../../sdk/index.js';
import { type PlanEdge, type PlanEndpoint, type PlanningProblem, type PlanTask } from '../../sdk/placement/index.js';

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
