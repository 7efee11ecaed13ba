import { TaskGraph } from '../../graph/index.js';
import type { PlanEdge, PlanningProblem, PlanTask } from './problem.js';
import { TransferModel } from './transfer-model.js';

/**
 * The same problem with data moving for free: no outside inputs, no bytes
 * or seconds on edges, a transfer model of zero latency and unlimited
 * bandwidth. What a policy plans on under `--data-blind` (the simulation
 * still charges the real transfers).
 *
 * @example
 * ```ts
 * const blindPlan = await planWorkflow(dataBlindProblem(problem), { policy: 'heft' });
 * ```
 */
export function dataBlindProblem<P extends PlanningProblem>(problem: P): P {
  const graph = new TaskGraph<PlanTask, PlanEdge>();
  for (const id of problem.graph.ids()) {
    const { inputs: _i, inputBytes: _b, dataLocation: _d, ...task } = problem.graph.node(id);
    graph.addNode(id, task);
  }
  for (const { from, to } of problem.graph.edges()) graph.addEdge(from, to, { bytes: 0, seconds: 0 });
  return { ...problem, graph, transfer: new TransferModel({ latencyS: 0, bytesPerS: Number.POSITIVE_INFINITY }) };
}
