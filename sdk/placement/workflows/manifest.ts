import { parseManifest, TaskGraph } from '../../graph/index.js';
import type { PlanEdge, PlanTask } from '../planning/problem.js';

/**
 * Reads a corral manifest (from `corral build`) into a planning graph: one
 * node per task, an edge per data edge between two tasks. A manifest holds no
 * run times: every task gets `priorSeconds` (the profile store refines them at
 * run time), and a fan-out whose size is known only at run time counts once.
 *
 * @example
 * ```ts
 * const graph = readManifest(JSON.parse(readFileSync('.corral/build/manifest.json', 'utf8')), 'manifest.json');
 * ```
 */
export function readManifest(doc: unknown, file: string, priorSeconds = 1): TaskGraph<PlanTask, PlanEdge> {
  const manifest = parseManifest(doc, file);
  const g = new TaskGraph<PlanTask, PlanEdge>();
  for (const t of manifest.tasks) {
    const remote = (t.remote?.static ?? {}) as { memoryGiB?: unknown; gpus?: unknown };
    const requires = {
      ...(typeof remote.memoryGiB === 'number' ? { memoryGiB: remote.memoryGiB } : {}),
      ...(typeof remote.gpus === 'number' ? { gpus: remote.gpus } : {}),
    };
    g.addNode(t.id, { id: t.id, type: t.id, baseSeconds: priorSeconds, ...(Object.keys(requires).length ? { requires } : {}) });
  }
  for (const e of manifest.edges) {
    if (e.kind !== 'data' || e.from === e.to || !g.has(e.from) || !g.has(e.to)) continue;
    g.addEdge(e.from, e.to, { bytes: 0 });
  }
  return g;
}
