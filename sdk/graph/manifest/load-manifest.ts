import { readFile } from 'node:fs/promises';
import { MANIFEST_FORMAT, MANIFEST_VERSION, manifestSchema, type Manifest } from './manifest-schema.js';
import { ManifestError } from './manifest-error.js';

/**
 * Validates a parsed manifest. Tells a foreign file, an old or newer manifest
 * version and a damaged manifest apart, naming the field at fault.
 *
 * @example
 * ```ts
 * const manifest = parseManifest(JSON.parse(text), 'manifest.json');
 * ```
 */
export function parseManifest(value: unknown, file = '(manifest)'): Manifest {
  const header = (value ?? {}) as { format?: unknown; version?: unknown };
  if (typeof value !== 'object' || value === null || Array.isArray(value) || header.format !== MANIFEST_FORMAT) {
    throw new ManifestError('CORRAL_MANIFEST_FOREIGN', file,
      `is not a corral manifest (field "format" is ${JSON.stringify(header.format) ?? 'missing'}, expected "${MANIFEST_FORMAT}")`);
  }
  if (header.version !== MANIFEST_VERSION) {
    const older = typeof header.version === 'number' && header.version < MANIFEST_VERSION;
    throw new ManifestError('CORRAL_MANIFEST_VERSION', file,
      `has manifest version ${JSON.stringify(header.version)}, this corral reads version ${MANIFEST_VERSION}; ` +
      (older ? 'run `corral build` to rebuild it' : 'it was written by a newer corral: upgrade corral or rebuild'));
  }
  const parsed = manifestSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ManifestError('CORRAL_MANIFEST_INVALID', file,
      `field "${issue.path.map(String).join('.') || '(root)'}" ${issue.message}; run \`corral build\` to rebuild it`);
  }
  return parsed.data;
}

/**
 * Reads and validates a manifest file.
 *
 * @example
 * ```ts
 * const manifest = await loadManifest('.corral/build/manifest.json');
 * ```
 */
export async function loadManifest(file: string): Promise<Manifest> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new ManifestError('CORRAL_MANIFEST_NOT_FOUND', file, `cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); run \`corral build\` first`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new ManifestError('CORRAL_MANIFEST_FOREIGN', file, `is not JSON: ${(e as Error).message}`);
  }
  return parseManifest(value, file);
}
