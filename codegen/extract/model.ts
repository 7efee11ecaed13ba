import type { ts } from 'ts-morph';
import type { ManifestEdge, ManifestOptions, ManifestSite, ManifestTask } from '../../sdk/graph/index.js';

/** A task found in the source, with the nodes later passes need. */
export interface FoundTask extends Omit<ManifestTask, 'bundle'> {
  /** The declaration call sites resolve to: the method, or the variable holding `remote(options, fn)`. */
  readonly declaration: ts.Node;
  /** The function whose body runs as the task. */
  readonly body: ts.SignatureDeclaration | undefined;
  /** Absolute path of the module. */
  readonly module: string;
}

/** A method that orchestrates tasks and may carry a workflow budget. */
export interface FoundWorkflow {
  readonly id: string;
  readonly task?: string;
  readonly declaration: ts.Node;
  readonly site: ManifestSite;
  readonly budget?: ManifestOptions;
}

/** Everything the passes over one project produce. */
export interface Extraction {
  readonly tasks: FoundTask[];
  readonly workflows: FoundWorkflow[];
  readonly edges: ManifestEdge[];
  /** Task call sites by edge, for diagnostics placed at a call. */
  readonly files: string[];
}
