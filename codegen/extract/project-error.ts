import { CorralError } from '../../sdk/errors/index.js';
/**
 * The project to extract cannot be opened: the tsconfig named does not exist,
 * or no entry file and no tsconfig.json were found.
 *
 * @example
 * ```ts
 * try { extract({ root: '/app', tsconfig: 'missing.json' }); } catch (e) {
 *   if (e instanceof ProjectError) console.error(e.message);
 * }
 * ```
 */
export class ProjectError extends CorralError {
  override name = 'ProjectError';
  readonly code = 'CORRAL_PROJECT_NOT_FOUND';
}
