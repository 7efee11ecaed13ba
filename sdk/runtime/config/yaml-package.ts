import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';

let loaded: typeof Yaml | undefined;

/**
 * The yaml package, loaded on first use: a session given its endpoints as
 * objects never parses YAML, and `import 'corral'` does not carry it.
 *
 * @example
 * ```ts
 * const doc = yaml().parseDocument('workers: 2\n');
 * ```
 */
export function yaml(): typeof Yaml {
  loaded ??= createRequire(import.meta.url)('yaml') as typeof Yaml;
  return loaded;
}
