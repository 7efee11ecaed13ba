import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { build, type Metafile, type Plugin } from 'esbuild';
import { sha256 } from '../extract/extract.js';
import { CORRAL_SDK as SDK_DIR, OWN_EXTENSION } from '../corral-paths.js';
import { externalWarnings, sizeWarnings } from './size-report.js';
import { DiagnosticCode, type DiagnosticCodeValue } from '../diagnostics/diagnostic.js';

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
  readonly warnings: string[];
  /** The same warnings with their diagnostic codes. */
  readonly findings: Array<{ code: DiagnosticCodeValue; message: string }>;
}

const CORRAL_SDK = SDK_DIR.slice(0, -1);
const ENTRY_PROTOCOL = join(CORRAL_SDK, 'graph', 'entry', `entry-protocol${OWN_EXTENSION}`);
/** corral folders a task needs at run time; their packages are bundled. */
const TASK_SIDE = [join(CORRAL_SDK, 'decorators') + sep, join(CORRAL_SDK, 'graph') + sep];

const CORRAL_INDEX = join(CORRAL_SDK, `index${OWN_EXTENSION}`);

/**
 * Serves `import ... from 'corral'` in task modules with what tasks use (the
 * decorators and the graph readers), so that a bundle does not carry the
 * runtime, endpoints and reports. A module that imports more falls back to
 * the whole library.
 */
const taskSurface: Plugin = {
  name: 'corral-task-surface',
  setup(b) {
    b.onResolve({ filter: /^corral$|[/\\]sdk[/\\]index(\.[jt]s)?$/ }, (args) => {
      if (args.importer.startsWith(CORRAL_SDK + sep)) return undefined;
      const target = args.path === 'corral' ? CORRAL_INDEX : resolve(args.resolveDir, args.path).replace(/\.js$/, OWN_EXTENSION);
      return target === CORRAL_INDEX || target === CORRAL_INDEX.slice(0, -OWN_EXTENSION.length) ? { path: CORRAL_INDEX, namespace: 'corral-task-surface' } : undefined;
    });
    b.onLoad({ filter: /.*/, namespace: 'corral-task-surface' }, () => ({
      contents: TASK_SIDE.map((dir) => `export * from ${JSON.stringify(join(dir, `index${OWN_EXTENSION}`))};`).join('\n'),
      resolveDir: CORRAL_SDK,
      loader: OWN_EXTENSION === '.ts' ? 'ts' : 'js',
    }));
  },
};

/**
 * Packages that the rest of corral (runtime, endpoints, reports...) imports
 * stay external: a task never reaches them, and tree shaking then drops
 * the imports with the unused modules.
 */
const corralExternals: Plugin = {
  name: 'corral-externals',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      const fromCorral = args.importer.startsWith(CORRAL_SDK + sep);
      if (!fromCorral || TASK_SIDE.some((dir) => args.importer.startsWith(dir)) || args.path.startsWith('node:')) return undefined;
      return { path: args.path, external: true };
    });
  },
};

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
    `import { entryMain } from ${JSON.stringify(ENTRY_PROTOCOL)};`,
    `import { realpathSync as __corralRealpath } from 'node:fs';`,
    `import { fileURLToPath as __corralPath } from 'node:url';`,
    `export * from ${JSON.stringify(source)};`,
    hasDefault ? `export { default } from ${JSON.stringify(source)};` : '',
    // Only the process's entry point answers a request; an importer just gets the exports.
    `const __corralMain = (() => { try { return Boolean(process.argv[1]) && __corralRealpath(process.argv[1]) === __corralRealpath(__corralPath(import.meta.url)); } catch { return false; } })();`,
    `if (__corralMain) await entryMain(async () => taskModule);`,
  ].join('\n');
  const run = (plugins: Plugin[]) => build({
    stdin: { contents: entry, resolveDir: dirname(source), sourcefile: `corral-entry:${rel}`, loader: 'ts' },
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
    plugins,
    external: [...ALWAYS_EXTERNAL, ...(options.external ?? [])],
    // Bundled CommonJS packages call require(); give them one.
    banner: { js: `import { createRequire as __corralRequire } from 'node:module';\nconst require = __corralRequire(import.meta.url);` },
  });
  const findings: BuiltBundle['findings'] = [];
  let result: Awaited<ReturnType<typeof run>>;
  try {
    result = await run([taskSurface, corralExternals]);
  } catch (e) {
    if (!/No matching export/.test((e as Error).message)) throw e;
    findings.push({ code: DiagnosticCode.BundleWholeLibrary, message: `${rel} imports more of corral than the decorators and graph readers; its bundle carries the whole library (move tasks into their own module to keep bundles small)` });
    result = await run([corralExternals]);
  }
  const out = result.outputFiles[0]!;
  const metafile = result.metafile as Metafile;
  for (const message of externalWarnings(rel, metafile)) findings.push({ code: DiagnosticCode.BundleExternals, message });
  for (const message of sizeWarnings(rel, out.contents.byteLength, metafile, options.warnBytes ?? 10 * 1024 * 1024)) findings.push({ code: DiagnosticCode.BundleTooLarge, message });
  await mkdir(dirname(outfile), { recursive: true });
  await writeFile(outfile, out.contents);
  return {
    module: rel,
    path: relative(root, outfile).split(sep).join('/'),
    hash: sha256(out.contents),
    bytes: out.contents.byteLength,
    warnings: findings.map((f) => f.message),
    findings,
  };
}
