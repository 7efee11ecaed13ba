import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** corral's own install folder (the one holding sdk/ and codegen/). */
export const CORRAL_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** `.ts` when corral runs from its sources, `.js` when compiled (dist/). */
export const OWN_EXTENSION = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
/** How TypeScript sees corral's modules: sources, or the compiled declarations. */
export const OWN_TYPES_EXTENSION = OWN_EXTENSION === '.ts' ? '.ts' : '.d.ts';
/** corral's library sources, with a trailing separator. */
export const CORRAL_SDK = join(CORRAL_ROOT, 'sdk') + sep;
const OWN = [CORRAL_SDK, join(CORRAL_ROOT, 'codegen') + sep];

/**
 * True for a file of the user's project: not a declaration file, not in
 * node_modules, not corral's own sources.
 *
 * @example
 * ```ts
 * isProjectFile('/app/images.ts'); // true
 * ```
 */
export function isProjectFile(file: string): boolean {
  const name = resolve(file);
  return !name.endsWith('.d.ts') && !name.includes(`${sep}node_modules${sep}`) && !OWN.some((own) => name.startsWith(own));
}
