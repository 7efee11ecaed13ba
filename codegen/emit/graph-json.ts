import type { GraphSource } from './graph-view.js';

/**
 * The task graph as one JSON object: tasks (id, kind, options), workflows
 * with their budgets and reachable tasks, and every edge.
 *
 * @example
 * ```ts
 * process.stdout.write(JSON.stringify(toGraphJson(manifest)));
 * ```
 */
export function toGraphJson(source: GraphSource): { tasks: unknown[]; workflows: unknown[]; edges: unknown[] } {
  return {
    tasks: source.tasks.map(({ id, kind, className, member, site, params, returns, remote, budget, federated }) => ({ id, kind, className, member, site, params, returns, remote, budget, federated })),
    workflows: source.workflows,
    edges: source.edges,
  };
}
