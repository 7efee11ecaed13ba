import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const compiled = new URL('./execute-task.js', import.meta.url);
let checkoutEntry: string | undefined;

/**
 * The module a worker thread loads. Compiled corral (dist/) has plain JS next
 * to it (thread-worker.mjs). A checkout runs TypeScript sources: rather than
 * give every worker a TypeScript loader (tsx and esbuild in each thread cost
 * tens of MB apiece), the worker code is bundled once into plain JS under
 * node_modules/.cache/corral/ (where its packages resolve), named by its hash
 * so concurrent processes share it. tsx is then registered in a worker only
 * when a task module is itself TypeScript.
 *
 * @example
 * ```ts
 * new Piscina({ filename: threadEntry(), execArgv: withoutTypeScriptLoader(process.execArgv) });
 * ```
 */
export function threadEntry(): string {
  if (existsSync(compiled)) return new URL('./thread-worker.mjs', import.meta.url).href;
  checkoutEntry ??= bundleCheckoutEntry();
  return checkoutEntry;
}

function bundleCheckoutEntry(): string {
  const source = fileURLToPath(new URL('./execute-task.ts', import.meta.url));
  const cache = fileURLToPath(new URL('../../../node_modules/.cache/corral/', import.meta.url));
  // esbuild ships with corral (codegen bundles with it); loaded only in a checkout, never by compiled corral.
  const require = createRequire(import.meta.url);
  const esbuild = require('esbuild') as typeof import('esbuild');
  const out = esbuild.buildSync({
    // The top-level await makes the module asynchronous, so piscina's require() of it fails and it falls back to
    // import(): Node 20's require() of an ES module can abort the whole process (CreateRequiredModuleFacade).
    stdin: { contents: `export { executeTask as default } from ${JSON.stringify(source)};\nawait Promise.resolve();`, resolveDir: fileURLToPath(new URL('.', import.meta.url)), loader: 'ts' },
    bundle: true, format: 'esm', platform: 'node', packages: 'external', write: false, logLevel: 'silent',
    // The bundled code finds corral's sources from where they are (execute-task.ts loads the full task reader from there only when needed).
    define: { 'import.meta.url': JSON.stringify(pathToFileURL(source).href) },
  });
  const text = out.outputFiles[0]!.text;
  const file = `${cache}thread-worker-${createHash('sha256').update(text).digest('hex').slice(0, 16)}.mjs`;
  if (!existsSync(file)) {
    mkdirSync(cache, { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, text);
    renameSync(temporary, file);
  }
  return pathToFileURL(file).href;
}

/**
 * The node flags a worker inherits, without a TypeScript loader (`--import
 * tsx`, `--loader tsx`, ...): a worker registers one itself when a task module
 * needs it.
 *
 * @example
 * ```ts
 * withoutTypeScriptLoader(['--import', 'tsx', '--enable-source-maps']); // ['--enable-source-maps']
 * ```
 */
export function withoutTypeScriptLoader(execArgv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < execArgv.length; i++) {
    const arg = execArgv[i]!;
    const joined = /^--(import|loader|experimental-loader|require)=(.*)$/.exec(arg);
    if (joined) {
      if (!isTsx(joined[2]!)) out.push(arg);
    } else if (/^--(import|loader|experimental-loader|require)$|^-r$/.test(arg) && i + 1 < execArgv.length) {
      if (!isTsx(execArgv[i + 1]!)) out.push(arg, execArgv[i + 1]!);
      i++;
    } else {
      out.push(arg);
    }
  }
  return out;
}

function isTsx(specifier: string): boolean {
  return /(^|[/\\])tsx([/\\]|$)/.test(specifier) || specifier === 'tsx';
}
