import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { loadManifest, MANIFEST_FORMAT, MANIFEST_VERSION, ManifestError, type Manifest, type ManifestBundle } from '../../sdk/graph/index.js';
import { bundleModule } from '../bundle/bundle-module.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { hasErrors } from '../diagnostics/format-diagnostics.js';
import { extract, sha256, type ExtractOptions } from '../extract/extract.js';
import { inputsHash, rehash, tsconfigFiles } from './inputs-hash.js';

/**
 * What to build and where.
 *
 * @example
 * ```ts
 * const options: BuildOptions = { root: '.', files: ['examples/quickstart.ts'], external: ['@tensorflow/tfjs'] };
 * ```
 */
export interface BuildOptions extends ExtractOptions {
  /** Output directory (manifest.json and bundles/); default `.corral/build` (per entry file with `files`). */
  readonly outDir?: string;
  /** Packages left out of bundles, to be installed on endpoints. */
  readonly external?: readonly string[];
  /** Build even when nothing changed. */
  readonly force?: boolean;
  /** Skip bundles (graph only). */
  readonly noBundles?: boolean;
}

/**
 * What a build produced.
 *
 * @example
 * ```ts
 * const { manifest, cached }: BuildResult = await build(options);
 * ```
 */
export interface BuildResult {
  /** Written (or reused) manifest; undefined when the build had errors. */
  readonly manifest?: Manifest;
  readonly manifestPath: string;
  /** True when the previous build was still fresh and nothing was done. */
  readonly cached: boolean;
  readonly diagnostics: Diagnostic[];
}

/**
 * `corral build`: extracts the task graph, bundles every task module and
 * writes the manifest. A second build with no change in any input (sources,
 * tsconfig, lockfile, options, corral version) reuses the manifest and does
 * no work.
 *
 * @example
 * ```ts
 * const { manifest, diagnostics, cached } = await build({ root: '/app', files: ['/app/images.ts'] });
 * ```
 */
export async function build(options: BuildOptions): Promise<BuildResult> {
  const root = resolve(options.root);
  const manifestPath = join(outDirOf(options), 'manifest.json');
  const hashOptions = { external: [...(options.external ?? [])].sort(), bundles: !options.noBundles, sourceMaps: true, files: options.files?.map((f) => resolve(root, f)) ?? null };
  if (!options.force) {
    const fresh = await freshManifest(options, manifestPath, hashOptions);
    if (fresh) return { manifest: fresh, manifestPath, cached: true, diagnostics: [] };
  }
  const extraction = extract({ ...options, root });
  const diagnostics = [...extraction.diagnostics];
  if (hasErrors(diagnostics)) return { manifestPath, cached: false, diagnostics };

  const built = options.noBundles ? [] : await Promise.all(extraction.modules.map((m) => bundleModule(m, {
    root, outDir: join(outDirOf(options), 'bundles'), external: options.external,
  })));
  for (const b of built) {
    for (const f of b.findings) diagnostics.push({ code: f.code, severity: f.severity, file: f.file ?? resolve(root, b.module), line: f.line ?? 1, column: f.column ?? 1, message: f.message });
  }
  if (hasErrors(diagnostics)) return { manifestPath, cached: false, diagnostics };
  const bundles: ManifestBundle[] = built.map(({ module, path, hash, bytes, warnings }) => ({ module, path, hash, bytes, warnings }));
  const byModule = new Map(bundles.map((b) => [b.module, b]));
  const manifest: Manifest = {
    format: MANIFEST_FORMAT,
    version: MANIFEST_VERSION,
    root,
    inputsHash: await inputsHash(root, extraction.sources, hashOptions),
    sources: extraction.sources,
    tasks: extraction.tasks.map((t) => {
      const b = byModule.get(t.site.file);
      return b ? { ...t, bundle: { path: b.path, hash: b.hash, bytes: b.bytes } } : t;
    }),
    workflows: extraction.workflows,
    edges: extraction.edges,
    bundles,
  };
  await mkdir(outDirOf(options), { recursive: true });
  // Write then rename: a reader never sees half a manifest.
  const temp = `${manifestPath}.${process.pid}.tmp`;
  await writeFile(temp, `${JSON.stringify(manifest, null, 2)}\n`);
  await rename(temp, manifestPath);
  return { manifest, manifestPath, cached: false, diagnostics };
}

/**
 * The output directory a build with these options uses.
 *
 * @example
 * ```ts
 * outDirOf({ root: '/app', files: ['main.ts'] }); // '/app/.corral/build/main'
 * ```
 */
export function outDirOf(options: Pick<BuildOptions, 'root' | 'outDir' | 'files'>): string {
  if (options.outDir) return resolve(options.root, options.outDir);
  const first = options.files?.[0];
  return resolve(options.root, '.corral', 'build', ...(first ? [basename(first).replace(/\.[cm]?[jt]sx?$/, '')] : []));
}

async function freshManifest(options: BuildOptions, manifestPath: string, hashOptions: unknown): Promise<Manifest | undefined> {
  if (!existsSync(manifestPath)) return undefined;
  let manifest: Manifest;
  try {
    manifest = await loadManifest(manifestPath);
  } catch (e) {
    if (e instanceof ManifestError) return undefined;
    throw e;
  }
  const root = resolve(options.root);
  if (manifest.root !== root) return undefined;
  const known = new Set(manifest.sources.map((s) => s.file));
  if (!options.files) {
    const tsconfig = resolve(root, options.tsconfig ?? 'tsconfig.json');
    if (tsconfigFiles(root, tsconfig).some((f) => !known.has(f))) return undefined;
  }
  const current = await rehash(root, [...known]);
  if ((await inputsHash(root, current, hashOptions)) !== manifest.inputsHash) return undefined;
  for (const b of manifest.bundles) {
    const text = await readFile(resolve(root, b.path)).catch(() => undefined);
    if (!text || sha256(text) !== b.hash) return undefined;
  }
  return manifest;
}
