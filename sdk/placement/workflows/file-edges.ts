import { TaskGraph } from '../../graph/index.js';
import type { PlanEdge, PlanTask } from '../planning/problem.js';

/** A task of a file-based workflow format before its edges are known. */
export interface FileTask {
  readonly id: string;
  readonly type: string;
  readonly runtimeS: number;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  readonly parents: readonly string[];
}

/**
 * Builds the planning graph of a file-based workflow (WfFormat, DAX): an edge
 * carries the bytes of the files the parent writes and the child reads; files
 * no task writes are the workflow's inputs, stored at `dataLocation`.
 */
export function graphFromFiles(tasks: readonly FileTask[], sizes: ReadonlyMap<string, number>, dataLocation: string): TaskGraph<PlanTask, PlanEdge> {
  const producer = new Map<string, string>();
  for (const t of tasks) for (const f of t.outputs) producer.set(f, t.id);
  const g = new TaskGraph<PlanTask, PlanEdge>();
  for (const t of tasks) {
    let inputBytes = 0;
    for (const f of t.inputs) if (!producer.has(f)) inputBytes += sizes.get(f) ?? 0;
    g.addNode(t.id, { id: t.id, type: t.type, baseSeconds: Math.max(0, t.runtimeS), inputBytes, dataLocation });
  }
  for (const t of tasks) {
    const shared = new Map<string, number>();
    for (const f of t.inputs) {
      const from = producer.get(f);
      if (from !== undefined && from !== t.id) shared.set(from, (shared.get(from) ?? 0) + (sizes.get(f) ?? 0));
    }
    for (const p of t.parents) if (!shared.has(p)) shared.set(p, 0);
    for (const [from, bytes] of shared) g.addEdge(from, t.id, { bytes });
  }
  return g;
}
