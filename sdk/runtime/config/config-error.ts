import { CorralError } from '../../errors/index.js';
/**
 * endpoints.yaml (or the config given to `Corral.open`) is invalid. Names the
 * file, line and column, the field, the bad value and what is allowed.
 *
 * @example
 * ```ts
 * // endpoints.yaml:4:14: endpoints.laptop.workers must be an integer >= 1 (got 0)
 * if (e instanceof ConfigError) console.error(e.file, e.line, e.field);
 * ```
 */
export class ConfigError extends CorralError {
  override name = 'ConfigError';
  readonly code = 'CORRAL_CONFIG';
  constructor(readonly file: string, readonly line: number | undefined, readonly column: number | undefined, readonly field: string, detail: string) {
    super(`${file}${line ? `:${line}:${column ?? 1}` : ''}: ${field ? `${field} ` : ''}${detail}`);
  }
}
