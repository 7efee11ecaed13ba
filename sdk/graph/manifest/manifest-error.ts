import { CorralError } from '../../errors/index.js';
/**
 * A manifest file cannot be used: missing, not a corral manifest, written by
 * another manifest version, or invalid. `code` says which; the message names
 * the file, the field and what to do.
 *
 * @example
 * ```ts
 * try { await loadManifest('.corral/build/manifest.json'); } catch (e) {
 *   if (e instanceof ManifestError && e.code === 'CORRAL_MANIFEST_VERSION') await build();
 * }
 * ```
 */
export class ManifestError extends CorralError {
  override name = 'ManifestError';
  constructor(
    readonly code: 'CORRAL_MANIFEST_NOT_FOUND' | 'CORRAL_MANIFEST_FOREIGN' | 'CORRAL_MANIFEST_VERSION' | 'CORRAL_MANIFEST_INVALID',
    readonly file: string,
    detail: string,
  ) {
    super(`manifest ${file}: ${detail}`);
  }
}
