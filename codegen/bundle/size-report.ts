import { isBuiltin } from 'node:module';
import type { Metafile } from 'esbuild';

/**
 * Warns when a bundle passes the size limit and names the packages (or
 * files) that make it big, from esbuild's metafile.
 *
 * @example
 * ```ts
 * sizeWarnings('images.ts', 14e6, metafile, 10 * 1024 * 1024);
 * // ['bundle of images.ts is 13.4 MB, over 10.0 MB: @tensorflow/tfjs-core 9.1 MB, ... (mark them external)']
 * ```
 */
export function sizeWarnings(module: string, bytes: number, metafile: Metafile, limit: number): string[] {
  if (bytes <= limit) return [];
  const byPackage = new Map<string, number>();
  for (const output of Object.values(metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const key = packageOf(input);
      byPackage.set(key, (byPackage.get(key) ?? 0) + bytesInOutput);
    }
  }
  const top = [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([name, n]) => `${name} ${mb(n)}`);
  return [`bundle of ${module} is ${mb(bytes)}, over the ${mb(limit)} limit (Globus Compute payload); biggest parts: ${top.join(', ')}. ` +
    'Mark heavy packages external (corral build --external NAME) and install them on the endpoint'];
}

/**
 * `node_modules/@scope/name/...` → `@scope/name`; other inputs stay as they are.
 *
 * @example
 * ```ts
 * packageOf('node_modules/@tensorflow/tfjs-core/dist/index.js'); // '@tensorflow/tfjs-core'
 * ```
 */
export function packageOf(input: string): string {
  const at = input.lastIndexOf('node_modules/');
  if (at < 0) return input;
  const parts = input.slice(at + 'node_modules/'.length).split('/');
  return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
}

function mb(n: number): string {
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * Names the packages a bundle still imports (left external) so that the
 * endpoint can install them; node's own modules (with or without `node:`) are not listed.
 *
 * @example
 * ```ts
 * externalWarnings('digits.ts', metafile); // ['bundle of digits.ts imports packages left external: better-sqlite3 ...']
 * ```
 */
export function externalWarnings(module: string, metafile: Metafile): string[] {
  const names = new Set<string>();
  for (const output of Object.values(metafile.outputs)) {
    for (const i of output.imports) if (i.external && !i.path.startsWith('<') && !isBuiltin(i.path)) names.add(packageOf(`node_modules/${i.path}`));
  }
  if (names.size === 0) return [];
  return [`bundle of ${module} imports packages left external: ${[...names].sort().join(', ')}; install them where it runs, ` +
    'or keep tasks in a module that imports only what they need'];
}
