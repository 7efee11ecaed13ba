import { createRequire } from 'node:module';
import type * as CsvParse from 'csv-parse/sync';

/**
 * csv-parse's synchronous parser, loaded on first use, not with `import 'corral'`:
 * a run reads a CSV only for its price tables.
 *
 * @example
 * ```ts
 * const rows = parse('a,b\n1,2\n', { columns: true }); // [{ a: '1', b: '2' }]
 * ```
 */
export const parse: typeof CsvParse.parse = (...args: Parameters<typeof CsvParse.parse>) =>
  (createRequire(import.meta.url)('csv-parse/sync') as typeof CsvParse).parse(...args);
