import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { TaskGraph } from '../sdk/graph/index.js';
import { planWorkflow } from '../sdk/runtime/index.js';
import { readWorkflowFile, TransferModel, type PlanEdge, type PlanEndpoint, type PlanningProblem, type PlanTask } from '../sdk/placement/index.js';
import type { Benchmark } from './benchmark.js';

const dir = fileURLToPath(new URL('../__tests__/fixtures/workflows/', import.meta.url));

/** The HEFT paper's example, its processors priced so that faster is dearer on average. */
export function pricedHeftPaper(): PlanningProblem {
  const d = JSON.parse(readFileSync(`${dir}heft_paper_example.json`, 'utf8')) as { processors: string[]; computation_cost: Record<string, number[]>; edges: [number, number, number][] };
  const g = new TaskGraph<PlanTask, PlanEdge>();
  for (const [id, cost] of Object.entries(d.computation_cost)) g.addNode(id, { id, seconds: Object.fromEntries(d.processors.map((p, k) => [p, cost[k]!])) });
  for (const [a, b, c] of d.edges) g.addEdge(String(a), String(b), { bytes: 0, seconds: c });
  const price = [0.36, 1.8, 3.6];
  return { graph: g, endpoints: d.processors.map((p, k) => ({ name: p, workers: 1, speed: 1, transferGroup: p, usdPerHour: price[k] })) };
}

/** The first `n` tasks of Montage_25 (in file order, a sub-DAG) on three priced single-worker endpoints. */
export function smallMontage(n: number): PlanningProblem {
  const full = readWorkflowFile(`${dir}Montage_25.xml`);
  const keep = full.ids().slice(0, n);
  const g = new TaskGraph<PlanTask, PlanEdge>();
  for (const id of keep) g.addNode(id, { ...full.node(id), dataLocation: undefined, inputBytes: 0 });
  for (const e of full.edges()) if (g.has(e.from) && g.has(e.to)) g.addEdge(e.from, e.to, e.data);
  const endpoints: PlanEndpoint[] = [
    { name: 'fast', workers: 1, speed: 3, transferGroup: 'hpc', usdPerHour: 4 },
    { name: 'mid', workers: 1, speed: 1.5, transferGroup: 'aws', usdPerHour: 1 },
    { name: 'slow', workers: 1, speed: 1, transferGroup: 'aws', usdPerHour: 0.2 },
  ];
  return { graph: g, endpoints, transfer: new TransferModel({ latencyS: 0.5, bytesPerS: 5e6 }) };
}

/**
 * budget-heft against the MILP optimum (HiGHS) on instances small enough to
 * solve, at budgets spread between the cheapest and the HEFT plan's cost:
 * never over budget, and no worse than 1.1x the optimum.
 */
export const placementBudget: Benchmark = {
  suite: 'placement',
  name: 'budget-vs-milp',
  async run({ quick }) {
    const instances: Array<[string, PlanningProblem]> = [['heft-paper', pricedHeftPaper()], ...(quick ? [] : [['montage-8', smallMontage(8)] as [string, PlanningProblem]])];
    const metrics: Record<string, number | string> = {};
    let worst = 0;
    let overBudget = 0;
    let solved = 0;
    for (const [name, problem] of instances) {
      const cheapest = await planWorkflow(problem, { policy: 'cheapest' });
      const heft = await planWorkflow(problem, { policy: 'heft' });
      for (const f of quick ? [0.5] : [0.25, 0.5, 0.75]) {
        const usd = cheapest.usd + f * (heft.usd - cheapest.usd);
        const bh = await planWorkflow(problem, { policy: 'budget-heft', budget: { usd } });
        const opt = await planWorkflow(problem, { policy: 'optimal', budget: { usd }, timeLimitS: 60 });
        if (bh.usd > usd + 1e-12) overBudget++;
        if (opt.optimality?.status === 'optimal') solved++;
        const r = bh.makespanS / opt.makespanS;
        worst = Math.max(worst, r);
        const key = `${name}@${f}`;
        metrics[`${key}.budgetUsd`] = +usd.toPrecision(4);
        metrics[`${key}.budgetHeftS`] = +bh.makespanS.toFixed(2);
        metrics[`${key}.milpS`] = +opt.makespanS.toFixed(2);
        metrics[`${key}.milpGap`] = opt.optimality?.gap ?? 'n/a';
      }
    }
    metrics.overBudget = overBudget;
    metrics.provedOptimal = solved;
    return {
      metrics,
      ratio: worst,
      ratioMeaning: 'worst budget-heft makespan / MILP makespan at the same budget (<= 1.1 wanted)',
      target: 'budget-heft never breaks its budget and is within 1.1x of the MILP optimum',
      met: worst <= 1.1 && overBudget === 0,
    };
  },
};
