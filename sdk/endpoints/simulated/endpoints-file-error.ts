import { CorralError } from '../../errors/index.js';
/**
 * endpoints.yaml is wrong: names the file, line and column, the field, the
 * bad value and what is allowed.
 *
 * @example
 * ```ts
 * catch (e) { if (e instanceof EndpointsFileError) console.error(`${e.file}:${e.line} ${e.field}`); }
 * ```
 */
export class EndpointsFileError extends CorralError {
  override name = 'EndpointsFileError';
  readonly code = 'CORRAL_ENDPOINTS_FILE';
  constructor(readonly file: string, readonly line: number, readonly column: number, readonly field: string, detail: string) {
    super(`${file}:${line}:${column}: ${field}: ${detail}`);
  }
}
