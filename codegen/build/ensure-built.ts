import { build, type BuildOptions } from './build.js';
import { BuildError } from './build-error.js';
import type { Manifest } from '../../sdk/graph/index.js';

/**
 * Builds first when the manifest is stale (or missing), else reuses it; what
 * `corral run` calls before running. Throws {@link BuildError} on errors.
 *
 * @example
 * ```ts
 * // in the runtime, before planning:
 * const { manifest } = await ensureBuilt({ root: process.cwd(), files: ['examples/quickstart.ts'] });
 * ```
 */
export async function ensureBuilt(options: BuildOptions): Promise<{ manifest: Manifest; manifestPath: string; cached: boolean }> {
  const result = await build(options);
  if (!result.manifest) throw new BuildError(result.diagnostics, options.root);
  return { manifest: result.manifest, manifestPath: result.manifestPath, cached: result.cached };
}
