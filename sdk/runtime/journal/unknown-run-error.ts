import { CorralError } from '../../errors/index.js';
/**
 * A run id that the journal does not hold (mistyped, another journal, or a
 * damaged index).
 *
 * @example
 * ```ts
 * if (!journal.getRun(runId)) throw new UnknownRunError(journal.path, runId);
 * ```
 */
export class UnknownRunError extends CorralError {
  override name = 'UnknownRunError';
  readonly code = 'CORRAL_UNKNOWN_RUN';
  constructor(readonly path: string, readonly runId: string) {
    super(`no run "${runId}" in journal ${path} (see \`corral runs\`)`);
  }
}
