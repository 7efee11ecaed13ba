import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { formatDiagnostics } from '../diagnostics/format-diagnostics.js';
import { CorralError } from '../../sdk/errors/index.js';

/**
 * The build found errors; `diagnostics` holds them and the message prints
 * them the way tsc does.
 *
 * @example
 * ```ts
 * try { await ensureBuilt({ root: '.', files: ['main.ts'] }); } catch (e) {
 *   if (e instanceof BuildError) console.error(e.message);
 * }
 * ```
 */
export class BuildError extends CorralError {
  override name = 'BuildError';
  readonly code = 'CORRAL_BUILD_FAILED';
  constructor(readonly diagnostics: readonly Diagnostic[], cwd?: string) {
    super(`corral build found errors:\n${formatDiagnostics(diagnostics, cwd)}`);
  }
}
