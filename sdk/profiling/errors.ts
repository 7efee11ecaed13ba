import { CorralError } from '../errors/index.js';
/** Stable codes of {@link ProfilingError}. */
export type ProfilingErrorCode =
  | 'CORRAL_PROFILE_BAD_DATA'
  | 'CORRAL_PROFILE_MISSING_COLUMN'
  | 'CORRAL_PROFILE_BAD_RESPONSE'
  | 'CORRAL_PROFILE_TOO_FEW_ROWS'
  | 'CORRAL_PROFILE_BAD_OPTION';

/**
 * What went wrong while recording, fitting or evaluating profiles. The
 * message names the file, row, column or option and the bad value.
 *
 * @example
 * ```ts
 * try { fitComposite(rows, opts); } catch (e) {
 *   if (e instanceof ProfilingError && e.code === 'CORRAL_PROFILE_TOO_FEW_ROWS') useThePrior();
 * }
 * ```
 */
export class ProfilingError extends CorralError {
  override readonly name = 'ProfilingError';
  constructor(readonly code: ProfilingErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
