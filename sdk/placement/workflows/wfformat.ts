import type { TaskGraph } from '../../graph/index.js';
import type { PlanEdge, PlanTask } from '../planning/problem.js';
import { graphFromFiles, type FileTask } from './file-edges.js';
import { WorkflowFormatError } from './workflow-format-error.js';

/**
 * Reads a WfCommons WfFormat workflow (1.5: specification + execution; older:
 * workflow.tasks with runtime and files) into a planning graph. Run seconds
 * are the recorded runtimes (speed 1 = the machine that recorded them).
 *
 * @example
 * ```ts
 * const graph = readWfFormat(JSON.parse(readFileSync('montage.json', 'utf8')), 'montage.json');
 * ```
 */
export function readWfFormat(doc: unknown, file: string, dataLocation = 'origin'): TaskGraph<PlanTask, PlanEdge> {
  const wf = (doc as { workflow?: any })?.workflow;
  if (!wf || typeof wf !== 'object') throw new WorkflowFormatError(file, 'workflow', 'missing: not a WfFormat document');
  const sizes = new Map<string, number>();
  const tasks: FileTask[] = [];
  if (wf.specification) {
    const spec = wf.specification;
    if (!Array.isArray(spec.tasks)) throw new WorkflowFormatError(file, 'workflow.specification.tasks', 'must be a list');
    for (const f of spec.files ?? []) sizes.set(String(f.id), Number(f.sizeInBytes ?? 0));
    const runtime = new Map<string, number>();
    for (const t of wf.execution?.tasks ?? []) runtime.set(String(t.id), Number(t.runtimeInSeconds));
    spec.tasks.forEach((t: any, k: number) => {
      const id = String(t.id ?? t.name);
      const r = runtime.get(id);
      if (r === undefined || !Number.isFinite(r)) throw new WorkflowFormatError(file, `workflow.execution.tasks (task ${id}, specification.tasks[${k}])`, 'no runtimeInSeconds recorded for this task');
      tasks.push({ id, type: typeOf(t.name ?? id), runtimeS: r, inputs: (t.inputFiles ?? []).map(String), outputs: (t.outputFiles ?? []).map(String), parents: (t.parents ?? []).map(String) });
    });
  } else if (Array.isArray(wf.tasks)) {
    wf.tasks.forEach((t: any, k: number) => {
      const id = String(t.id ?? t.name);
      const r = Number(t.runtimeInSeconds ?? t.runtime);
      if (!Number.isFinite(r)) throw new WorkflowFormatError(file, `workflow.tasks[${k}] (task ${id})`, 'runtime must be a number of seconds');
      const files: any[] = t.files ?? [];
      for (const f of files) sizes.set(String(f.name ?? f.id), Number(f.sizeInBytes ?? f.size ?? 0));
      tasks.push({
        id, type: typeOf(t.category ?? t.name ?? id), runtimeS: r,
        inputs: files.filter((f) => f.link === 'input').map((f) => String(f.name ?? f.id)),
        outputs: files.filter((f) => f.link === 'output').map((f) => String(f.name ?? f.id)),
        parents: (t.parents ?? []).map(String),
      });
    });
  } else {
    throw new WorkflowFormatError(file, 'workflow', 'has neither specification.tasks (WfFormat 1.5) nor tasks (WfFormat 1.4)');
  }
  const known = new Set(tasks.map((t) => t.id));
  for (const t of tasks) for (const p of t.parents) if (!known.has(p)) throw new WorkflowFormatError(file, `task ${t.id}.parents`, `names unknown task "${p}"`);
  return graphFromFiles(tasks, sizes, dataLocation);
}

/** `mProject_ID0000001` -> `mProject`. */
function typeOf(name: string): string {
  return name.replace(/_ID\d+$/, '');
}
