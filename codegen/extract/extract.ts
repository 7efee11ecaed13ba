import { createHash } from 'node:crypto';
import { relative, resolve, sep } from 'node:path';
import { ts, type Project } from 'ts-morph';
import type { ManifestEdge, ManifestTask, ManifestWorkflow } from '../../sdk/graph/index.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { findCallGraph } from './call-graph.js';
import { DiagnosticsSink } from './diagnostics-sink.js';
import { findTasks } from './find-tasks.js';
import { checkTaskModules } from './module-checks.js';
import { checkBudget, checkRecursion, reachable, type MinimumCost } from './graph-checks.js';
import { openProject, type ProjectSource } from './project.js';
import { siteOf } from './site.js';
import { checkTask } from './task-checks.js';
import { isProjectFile } from '../corral-paths.js';

/**
 * What to extract from, and optional knowledge for the budget check.
 *
 * @example
 * ```ts
 * const options: ExtractOptions = { root: '/app', tsconfig: 'tsconfig.json', minimumCost: () => ({ usd: 0.001 }) };
 * ```
 */
export interface ExtractOptions extends ProjectSource {
  /** An already opened project (tests, or a caller that keeps one warm). */
  readonly project?: Project;
  /** Lower bounds on one call's cost per task, when known. */
  readonly minimumCost?: MinimumCost;
}

/**
 * The static task graph of a project, and what is wrong with it.
 *
 * @example
 * ```ts
 * const { tasks, edges, diagnostics }: ExtractResult = extract({ root: '/app' });
 * ```
 */
export interface ExtractResult {
  /** Absolute project root; manifest paths are relative to it. */
  readonly root: string;
  readonly tasks: Array<Omit<ManifestTask, 'bundle'>>;
  readonly workflows: ManifestWorkflow[];
  readonly edges: ManifestEdge[];
  /** Every source file read, relative, with its content hash. */
  readonly sources: Array<{ file: string; hash: string }>;
  /** Absolute paths of the modules that define tasks. */
  readonly modules: string[];
  readonly diagnostics: Diagnostic[];
}

/**
 * Extracts the task graph of a project: tasks with their options, call and
 * data edges, fan-outs and workflow budgets, plus diagnostics. Only the
 * project's own source files are analysed; libraries are read for types only.
 *
 * @example
 * ```ts
 * const result = extract({ root: '/app', files: ['/app/images.ts'] });
 * if (hasErrors(result.diagnostics)) console.error(formatDiagnostics(result.diagnostics));
 * ```
 */
export function extract(options: ExtractOptions): ExtractResult {
  const root = resolve(options.root);
  const project = options.project ?? openProject(options);
  const program = project.getProgram().compilerObject;
  const checker = program.getTypeChecker();
  const files = program.getSourceFiles().filter((sf) => !sf.isDeclarationFile && isProjectFile(sf.fileName));
  const sink = new DiagnosticsSink();

  const { tasks, workflows } = findTasks(checker, files, root, sink);
  for (const t of tasks) checkTask(checker, t, sink);
  checkTaskModules(files, tasks, sink);
  const { sites, edges } = findCallGraph(checker, files, tasks, root);
  checkRecursion(sites, sink);
  for (const w of workflows) checkBudget(w, sites, sink, options.minimumCost);

  const manifestWorkflows: ManifestWorkflow[] = workflows.map((w) => ({
    id: w.id, ...(w.task ? { task: w.task } : {}), site: w.site, ...(w.budget ? { budget: w.budget } : {}), tasks: reachable(w.id, sites).tasks,
  }));
  const rootsWithBudget = new Set(workflows.map((w) => w.id));
  for (const s of sites) {
    if (s.owner.task || rootsWithBudget.has(s.owner.id)) continue;
    rootsWithBudget.add(s.owner.id);
    const named = (s.owner.node as ts.NamedDeclaration).name;
    manifestWorkflows.push({ id: s.owner.id, site: siteOf(named ?? s.owner.node, root), tasks: reachable(s.owner.id, sites).tasks });
  }

  return {
    root,
    tasks: tasks.map(({ declaration: _d, body: _b, module: _m, ...t }) => t),
    workflows: manifestWorkflows,
    edges,
    sources: files.map((sf) => ({ file: relative(root, sf.fileName).split(sep).join('/'), hash: sha256(sf.text) })),
    modules: [...new Set(tasks.map((t) => t.module))].sort(),
    diagnostics: sink.list,
  };
}

/**
 * Hex SHA-256 of a text or bytes.
 *
 * @example
 * ```ts
 * sha256('abc'); // 'ba7816bf...'
 * ```
 */
export function sha256(text: string | Uint8Array): string {
  return createHash('sha256').update(text).digest('hex');
}
