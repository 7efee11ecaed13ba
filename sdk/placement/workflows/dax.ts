import { createRequire } from 'node:module';
import type * as FastXmlParser from 'fast-xml-parser';
import type { TaskGraph } from '../../graph/index.js';
import type { PlanEdge, PlanTask } from '../planning/problem.js';
import { graphFromFiles, type FileTask } from './file-edges.js';
import { WorkflowFormatError } from './workflow-format-error.js';

/**
 * Reads a Pegasus DAX (XML, as WorkflowSim's generators write it) into a
 * planning graph: jobs with runtimes, files with sizes, child/parent edges.
 *
 * @example
 * ```ts
 * const graph = readDax(readFileSync('Montage_25.xml', 'utf8'), 'Montage_25.xml');
 * ```
 */
export function readDax(xml: string, file: string, dataLocation = 'origin'): TaskGraph<PlanTask, PlanEdge> {
  // Loaded with the first DAX file: a run never reads one.
  const { XMLParser } = createRequire(import.meta.url)('fast-xml-parser') as typeof FastXmlParser;
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['job', 'uses', 'child', 'parent'].includes(name) });
  let doc: any;
  try { doc = parser.parse(xml); } catch (e) { throw new WorkflowFormatError(file, 'XML', (e as Error).message); }
  const adag = doc?.adag;
  if (!adag) throw new WorkflowFormatError(file, '<adag>', 'missing: not a Pegasus DAX');
  const sizes = new Map<string, number>();
  const parents = new Map<string, string[]>();
  for (const c of adag.child ?? []) parents.set(String(c.ref), (c.parent ?? []).map((p: any) => String(p.ref)));
  const tasks: FileTask[] = (adag.job ?? []).map((j: any, k: number): FileTask => {
    const id = String(j.id ?? '');
    const runtime = Number(j.runtime);
    if (!id) throw new WorkflowFormatError(file, `<job> #${k + 1}`, 'has no id');
    if (!Number.isFinite(runtime)) throw new WorkflowFormatError(file, `<job id="${id}"> runtime`, `must be a number of seconds (got ${JSON.stringify(j.runtime)})`);
    const uses: any[] = j.uses ?? [];
    for (const u of uses) sizes.set(String(u.file ?? u.name), Number(u.size ?? 0));
    const files = (link: string) => uses.filter((u) => u.link === link).map((u) => String(u.file ?? u.name));
    return { id, type: String(j.name ?? id), runtimeS: runtime, inputs: files('input'), outputs: files('output'), parents: parents.get(id) ?? [] };
  });
  if (tasks.length === 0) throw new WorkflowFormatError(file, '<adag>', 'has no <job>');
  const known = new Set(tasks.map((t) => t.id));
  for (const [child, ps] of parents) for (const p of [child, ...ps]) if (!known.has(p)) throw new WorkflowFormatError(file, `<child ref="${child}">`, `names unknown job "${p}"`);
  return graphFromFiles(tasks, sizes, dataLocation);
}
