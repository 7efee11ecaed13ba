import { readFileSync } from 'node:fs';
import type { TaskGraph } from '../../graph/index.js';
import type { PlanEdge, PlanTask } from '../planning/problem.js';
import { readDax } from './dax.js';
import { readManifest } from './manifest.js';
import { readWfFormat } from './wfformat.js';
import { WorkflowFormatError } from './workflow-format-error.js';

/**
 * Reads a workflow file for planning or simulation, detecting its format:
 * Pegasus DAX (XML), WfCommons WfFormat (JSON) or a corral manifest (JSON,
 * run times from a prior until profiled).
 *
 * @example
 * ```ts
 * const graph = readWorkflowFile('montage-chameleon-2mass-005d-001.json');
 * ```
 */
export function readWorkflowFile(path: string, dataLocation = 'origin'): TaskGraph<PlanTask, PlanEdge> {
  let text: string;
  try { text = readFileSync(path, 'utf8'); } catch (e) { throw new WorkflowFormatError(path, 'file', `cannot be read: ${(e as Error).message}`); }
  const head = text.trimStart();
  if (head.startsWith('<')) return readDax(text, path, dataLocation);
  let doc: unknown;
  try { doc = JSON.parse(text); } catch (e) { throw new WorkflowFormatError(path, 'JSON', `neither XML (DAX) nor valid JSON: ${(e as Error).message}`); }
  if (doc && typeof doc === 'object' && 'workflow' in doc) return readWfFormat(doc, path, dataLocation);
  if (doc && typeof doc === 'object' && 'format' in doc) return readManifest(doc, path);
  throw new WorkflowFormatError(path, 'top level', 'not a WfFormat document (no "workflow" key), a corral manifest (no "format" key) nor a Pegasus DAX');
}
