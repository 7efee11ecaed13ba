import { CorralError } from '../../errors/index.js';
/**
 * A workflow file corral cannot read; names the file, the place in it and
 * what was expected.
 *
 * @example
 * ```ts
 * catch (e) { if (e instanceof WorkflowFormatError) console.error(e.file, e.where); }
 * ```
 */
export class WorkflowFormatError extends CorralError {
  override name = 'WorkflowFormatError';
  readonly code = 'CORRAL_WORKFLOW_FORMAT';
  constructor(readonly file: string, readonly where: string, detail: string) {
    super(`${file}: ${where}: ${detail}`);
  }
}
