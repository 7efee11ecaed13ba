import { ts } from 'ts-morph';
import { TaskGraph } from '../../sdk/graph/index.js';
import { DiagnosticCode } from '../diagnostics/diagnostic.js';
import type { DiagnosticsSink } from './diagnostics-sink.js';
import type { CallSite } from './call-graph.js';
import type { FoundWorkflow } from './model.js';

/**
 * Lower bounds on what one call of a task costs, when known (e.g. from endpoint prices).
 *
 * @example
 * ```ts
 * const minimumCost: MinimumCost = (task) => (task === 'Images.classify' ? { usd: 0.002, seconds: 1 } : undefined);
 * ```
 */
export type MinimumCost = (taskId: string) => { usd?: number; joules?: number; seconds?: number } | undefined;

/**
 * Reports tasks that call each other in a cycle: a task graph must be a DAG
 * to be planned, and a recursive task would place calls without end.
 *
 * @example
 * ```ts
 * checkRecursion(sites, sink);
 * ```
 */
export function checkRecursion(sites: readonly CallSite[], sink: DiagnosticsSink): void {
  const graph = new TaskGraph<null, CallSite>();
  for (const s of sites) {
    if (!s.owner.task) continue;
    graph.addNode(s.owner.id, null).addNode(s.task.id, null);
    if (!graph.successors(s.owner.id).has(s.task.id)) graph.addEdge(s.owner.id, s.task.id, s);
  }
  const cycle = graph.findCycle();
  if (!cycle) return;
  const site = graph.successors(cycle[0]!).get(cycle[1]!)!;
  sink.add(DiagnosticCode.Recursion, 'error', site.node,
    `tasks call each other in a cycle: ${cycle.join(' -> ')}; a task graph must be acyclic (loop inside one task instead)`);
}

/**
 * The tasks reachable from a workflow root, and the calls certain to run
 * (reached through calls that are not inside a loop or callback).
 *
 * @example
 * ```ts
 * reachable('Images.pipeline', sites).tasks; // ['Images.thumbnail', 'Images.classify']
 * ```
 */
export function reachable(root: string, sites: readonly CallSite[]): { tasks: string[]; certain: CallSite[] } {
  const byOwner = new Map<string, CallSite[]>();
  for (const s of sites) {
    const list = byOwner.get(s.owner.id) ?? [];
    list.push(s);
    byOwner.set(s.owner.id, list);
  }
  const tasks = new Set<string>();
  const certain: CallSite[] = [];
  const certainOwners = new Set([root]);
  const queue = [root];
  for (let i = 0; i < queue.length; i++) {
    const owner = queue[i]!;
    for (const s of byOwner.get(owner) ?? []) {
      if (certainOwners.has(owner) && s.multiplicity === 1) {
        certain.push(s);
        certainOwners.add(s.task.id);
      }
      if (!tasks.has(s.task.id)) { tasks.add(s.task.id); queue.push(s.task.id); }
    }
  }
  return { tasks: [...tasks].sort(), certain };
}

/**
 * Reports a workflow budget smaller than the cheapest possible plan when that
 * is known statically: every call certain to run costs at least its lower
 * bound (any call spends some energy and time; dollars when `minimumCost`
 * says so).
 *
 * @example
 * ```ts
 * checkBudget(workflow, sites, sink, (task) => ({ usd: 0.001 }));
 * ```
 */
export function checkBudget(workflow: FoundWorkflow, sites: readonly CallSite[], sink: DiagnosticsSink, minimumCost?: MinimumCost): void {
  const budget = workflow.budget?.static;
  if (!budget) return;
  const { certain } = reachable(workflow.id, sites);
  if (certain.length === 0) return;
  const bounds = certain.map((s) => minimumCost?.(s.task.id) ?? {});
  const sum = (k: 'usd' | 'joules') => bounds.reduce((a, b) => a + (b[k] ?? 0), 0);
  const problems: string[] = [];
  if (budget.joules === 0) problems.push(`joules: 0 cannot pay for ${certain.length} call(s) that always run (${names(certain)}), and every call spends energy`);
  else if (typeof budget.joules === 'number' && sum('joules') > budget.joules) problems.push(`joules: ${budget.joules} is below the ${sum('joules')} J the calls that always run need at least`);
  if (typeof budget.usd === 'number' && sum('usd') > budget.usd) problems.push(`usd: ${budget.usd} is below the $${+sum('usd').toPrecision(6)} the calls that always run cost at least`);
  const longest = Math.max(0, ...bounds.map((b) => b.seconds ?? 0));
  if (typeof budget.deadlineS === 'number' && longest > budget.deadlineS) problems.push(`deadlineS: ${budget.deadlineS} is shorter than one call that takes at least ${longest} s`);
  const at = (workflow.declaration as ts.MethodDeclaration).name ?? workflow.declaration;
  for (const p of problems) {
    sink.add(DiagnosticCode.BudgetTooSmall, 'error', at, `budget of workflow ${workflow.id} is smaller than the cheapest possible plan: ${p}`);
  }
}

function names(sites: readonly CallSite[]): string {
  return [...new Set(sites.map((s) => s.task.id))].join(', ');
}
