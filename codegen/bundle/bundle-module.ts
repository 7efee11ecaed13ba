import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { build, type Metafile, type Plugin } from 'esbuild';
import { sha256 } from '../extract/extract.js';
import { CORRAL_SDK as SDK_DIR, OWN_EXTENSION } from '../corral-paths.js';
import { externalWarnings, sizeWarnings } from './size-report.js';
import { corralExternals, surfaceRefusals } from './self-contained.js';
import { DiagnosticCode, type DiagnosticCodeValue } from '../diagnostics/diagnostic.js';
import { BUNDLE_ENTRY_SOURCE } from '../../sdk/graph/index.js';

/**
 * Packages that can never be bundled (native addons); always external.
 *
 * @example
 * ```ts
 * ALWAYS_EXTERNAL.includes('better-sqlite3'); // true
 * ```
 */
export const ALWAYS_EXTERNAL = ['better-sqlite3', 'fsevents', '@tensorflow/tfjs-node', '@tensorflow/tfjs-node-gpu'];

/**
 * How to bundle.
 *
 * @example
 * ```ts
 * const options: BundleOptions = { root: '/app', outDir: '/app/.corral/build/bundles', external: ['@tensorflow/tfjs'] };
 * ```
 */
export interface BundleOptions {
  /** Project root; bundle paths are relative to it. */
  readonly root: string;
  /** Directory the bundles go to. */
  readonly outDir: string;
  /** Packages to leave out, to be installed on the endpoint (e.g. `@tensorflow/tfjs`). */
  readonly external?: readonly string[];
  /** Size past which a bundle gets a warning (default 10 MB, the Globus Compute payload limit). */
  readonly warnBytes?: number;
}

/**
 * One bundle built.
 *
 * @example
 * ```ts
 * const b: BuiltBundle = await bundleModule('/app/images.ts', options);
 * for (const f of b.findings) console.warn(f.code, f.message);
 * ```
 */
export interface BuiltBundle {
  /** Source module, relative to the root. */
  readonly module: string;
  /** Bundle file, relative to the root. */
  readonly path: string;
  readonly hash: string;
  readonly bytes: number;
  /** True when the bundle could not be self-contained: nothing was written, `findings` say why. */
  readonly refused: boolean;
  readonly warnings: string[];
  /** The same warnings with their diagnostic codes and severities (errors refuse the bundle). */
  readonly findings: Array<{ code: DiagnosticCodeValue; severity: 'error' | 'warning'; message: string; file?: string; line?: number; column?: number }>;
}

const CORRAL_SDK = SDK_DIR.slice(0, -1);
const ENTRY_CORE = join(CORRAL_SDK, 'graph', 'entry', `entry-core${OWN_EXTENSION}`);
const LIGHT_RESOLVE = join(CORRAL_SDK, 'graph', 'entry', 'light', `light-resolve${OWN_EXTENSION}`);
/** The task-side runtime served for corral's decorators in a task bundle. */
const LIGHT_INDEX = join(CORRAL_SDK, 'graph', 'entry', 'light', `index${OWN_EXTENSION}`);
/** What a task module may import from corral's surface (corral, sdk/index, sdk/decorators). */
const LIGHT_SURFACE = new Set([join(CORRAL_SDK, `index${OWN_EXTENSION}`), join(CORRAL_SDK, 'decorators', `index${OWN_EXTENSION}`)]);

/**
 * Serves `import ... from 'corral'` (or corral's sdk/index, or its
 * decorators) in the project's task modules with the light task-side runtime:
 * decorators that only record which code is a task. A bundle then carries the
 * task and what it imports, not the SDK (no zod, placement, pricing, sqlite).
 */
const taskSurface: Plugin = {
  name: 'corral-task-surface',
  setup(b) {
    b.onResolve({ filter: /^(corral|\.{1,2}[/\\].*|[/\\].*)$/ }, (args) => {
      if (args.importer.startsWith(CORRAL_SDK + sep) || args.kind === 'entry-point') return undefined;
      const target = args.path === 'corral' ? join(CORRAL_SDK, `index${OWN_EXTENSION}`) : resolve(args.resolveDir, args.path).replace(/\.js$/, OWN_EXTENSION);
      // 'x.ts', 'x' (extensionless) and 'dir' (its index.ts) all name a module.
      const files = target.endsWith(OWN_EXTENSION) ? [target] : [`${target}${OWN_EXTENSION}`, join(target, `index${OWN_EXTENSION}`)];
      const light = files.some((f) => LIGHT_SURFACE.has(f) || dirname(f) === join(CORRAL_SDK, 'decorators'));
      return light ? { path: LIGHT_INDEX } : undefined;
    });
  },
};

// Runs before any module in the bundle. Bundled CommonJS packages call require(); give them one. When the
// bundle is the process's entry (`node bundle.mjs`, a worker answering one request), argv[1] stops naming it
// while the task module loads: the module's own main-module guard (`process.argv[1] ===
// fileURLToPath(import.meta.url)`, the same URL once bundled) must not run a script's code on a worker.
const BANNER = [
  `import { createRequire as __corralRequire } from 'node:module';`,
  `import { realpathSync as __corralRealpath } from 'node:fs';`,
  `import { dirname as __corralDirname } from 'node:path';`,
  `import { fileURLToPath as __corralPath } from 'node:url';`,
  `const require = __corralRequire(import.meta.url);`,
  `const __corralMain = (() => { try { return Boolean(process.argv[1]) && __corralRealpath(process.argv[1]) === __corralRealpath(__corralPath(import.meta.url)); } catch { return false; } })();`,
  `if (__corralMain) process.argv[1] = __corralDirname(process.argv[1]);`,
].join('\n');

/**
 * Bundles one task module into a self-contained ESM file. The bundle
 * re-exports everything the module exports (so `resolveTask(await import(bundle), locator)`
 * works) and, run as `node bundle.mjs < request.json`, answers one request of
 * the entry protocol.
 *
 * @example
 * ```ts
 * const b = await bundleModule('/app/images.ts', { root: '/app', outDir: '/app/.corral/build/bundles' });
 * console.log(b.path, b.bytes, b.warnings);
 * ```
 */
export async function bundleModule(module: string, options: BundleOptions): Promise<BuiltBundle> {
  const root = resolve(options.root);
  const source = resolve(root, module);
  const rel = relative(root, source).split(sep).join('/');
  const outfile = join(resolve(root, options.outDir), `${rel.replace(/\.[cm]?[jt]sx?$/, '').replace(/[/\\]/g, '__').replace(/^\.\.__/g, 'up__')}.mjs`);
  const text = await readFile(source, 'utf8');
  const hasDefault = /\bexport\s+default\b|\bas\s+default\b/.test(text);
  const entry = [
    `import * as taskModule from ${JSON.stringify(source)};`,
    `import { entryMainWith, runEntryWith } from ${JSON.stringify(ENTRY_CORE)};`,
    `import { resolveLightTask } from ${JSON.stringify(LIGHT_RESOLVE)};`,
    `export * from ${JSON.stringify(source)};`,
    hasDefault ? `export { default } from ${JSON.stringify(source)};` : '',
    // What a warm node worker calls, request after request, once it imported the bundle.
    `export const __corralEntry = (request) => runEntryWith(request, async () => taskModule, resolveLightTask);`,
    // Only the process's entry point answers a request (the banner knows); an importer just gets the exports.
    `if (__corralMain) await entryMainWith(async () => taskModule, resolveLightTask);`,
  ].join('\n');
  const run = (plugins: Plugin[]) => build({
    stdin: { contents: entry, resolveDir: dirname(source), sourcefile: `${BUNDLE_ENTRY_SOURCE}${rel}`, loader: 'ts' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    write: false,
    metafile: true,
    logLevel: 'silent',
    treeShaking: true,
    // Scope hoisting renames functions; a remote(fn) task is found by fn.name.
    keepNames: true,
    // A map beside the bundle (not referenced from it, not shipped): the runtime maps a failed task's stack back to its source.
    sourcemap: 'external',
    sourcesContent: false,
    plugins,
    // Bundle every package a task reaches (corral's too); only these stay out.
    external: [...ALWAYS_EXTERNAL, ...(options.external ?? [])],
    // Bundled CommonJS packages call require(); give them one.
    banner: { js: BANNER },
  });
  const findings: BuiltBundle['findings'] = [];
  let result: Awaited<ReturnType<typeof run>>;
  try {
    result = await run([taskSurface]);
  } catch (e) {
    const refusals = surfaceRefusals(rel, root, e);
    if (refusals.length === 0) throw e;
    return { module: rel, path: '', hash: '', bytes: 0, refused: true, warnings: refusals.map((f) => f.message), findings: refusals };
  }
  const out = result.outputFiles.find((f) => f.path === outfile)!;
  const map = result.outputFiles.find((f) => f.path === `${outfile}.map`);
  const metafile = result.metafile as Metafile;
  const unbundled = corralExternals(rel, root, metafile, new Set(options.external ?? []));
  if (unbundled.length > 0) {
    const refusals = unbundled.map((message) => ({ code: DiagnosticCode.BundleNotSelfContained, severity: 'error' as const, message }));
    return { module: rel, path: '', hash: '', bytes: 0, refused: true, warnings: refusals.map((f) => f.message), findings: refusals };
  }
  for (const message of externalWarnings(rel, metafile)) findings.push({ code: DiagnosticCode.BundleExternals, severity: 'warning', message });
  for (const message of sizeWarnings(rel, out.contents.byteLength, metafile, options.warnBytes ?? 10 * 1024 * 1024)) findings.push({ code: DiagnosticCode.BundleTooLarge, severity: 'warning', message });
  await mkdir(dirname(outfile), { recursive: true });
  await writeFile(outfile, out.contents);
  if (map) await writeFile(map.path, map.contents);
  return {
    module: rel,
    path: relative(root, outfile).split(sep).join('/'),
    hash: sha256(out.contents),
    bytes: out.contents.byteLength,
    refused: false,
    warnings: findings.map((f) => f.message),
    findings,
  };
}
