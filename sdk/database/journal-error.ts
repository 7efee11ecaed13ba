import { CorralError } from '../errors/index.js';
/**
 * The journal file cannot be used: corrupt, foreign, locked or from a newer
 * corral. corral never starts afresh over an existing file.
 *
 * @example
 * ```ts
 * try { await Corral.open(); } catch (e) { if (e instanceof JournalError) console.error(e.path, e.message); }
 * ```
 */
export class JournalError extends CorralError {
  override name = 'JournalError';
  readonly code = 'CORRAL_JOURNAL';
  constructor(readonly path: string, message: string, options?: { cause?: unknown }) {
    super(`journal ${path}: ${message}`, options);
  }
}
