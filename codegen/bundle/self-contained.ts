import { isBuiltin } from 'node:module';
import { relative, resolve, sep } from 'node:path';
import type { Metafile } from 'esbuild';
import { CORRAL_ROOT, CORRAL_SDK } from '../corral-paths.js';
import { DiagnosticCode } from '../diagnostics/diagnostic.js';
import { packageOf } from './size-report.js';

/** A refusal of a task bundle, located at the import that caused it when known. */
export interface Refusal {
  readonly code: typeof DiagnosticCode.BundleNotSelfContained;
  readonly severity: 'error';
  readonly message: string;
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
}

interface EsbuildMessage { text: string; location?: { file: string; line: number; column: number; lineText: string } | null }

/**
 * Turns esbuild's "No matching export" errors for corral's task-side surface
 * into refusals naming the import: a task module asked corral for more than
 * a task bundle carries. Returns [] for any other build error.
 *
 * @example
 * ```ts
 * surfaceRefusals('spot.ts', '/app', e); // [{ message: 'spot.ts:4:31: imports "evaluateSpot" from ...' }]
 * ```
 */
export function surfaceRefusals(module: string, root: string, error: unknown): Refusal[] {
  // The light surface is index.ts in a checkout of corral, index.js when corral is installed.
  const messages = ((error as { errors?: EsbuildMessage[] }).errors ?? []).filter((m) => /No matching export in ".*entry[/\\]light[/\\]index\.[jt]s"/.test(m.text));
  return messages.map((m) => {
    const name = /for import "([^"]+)"/.exec(m.text)?.[1] ?? '?';
    const loc = m.location;
    const file = loc ? resolve(loc.file) : resolve(root, module);
    const from = loc ? /from\s+['"]([^'"]+)['"]/.exec(loc.lineText)?.[1] : undefined;
    const where = loc ? `${relative(root, file).split(sep).join('/')}:${loc.line}:${loc.column + 1}` : module;
    return {
      code: DiagnosticCode.BundleNotSelfContained, severity: 'error' as const, file, line: loc?.line, column: loc ? loc.column + 1 : undefined,
      message: `task bundle of ${module} refused: ${where} imports "${name}" from ${from ? `'${from}'` : 'corral'}, which a task bundle does not carry ` +
        '(it holds the task module and corral\'s task-side runtime: remote, costBudget, federated). ' +
        `Keep the tasks in a module that imports only the decorators, and use "${name}" in the script that imports that module`,
    };
  });
}

/**
 * Packages that corral's own code in the bundle imports but the bundle left
 * out (native addons): a worker without corral could not load them, so the
 * bundle is refused, naming the chain of imports from the task module.
 * Packages the user marked external are theirs to install and pass.
 *
 * @example
 * ```ts
 * corralExternals('jobs.ts', '/app', metafile, new Set()); // ['task bundle of jobs.ts refused: jobs.ts → sdk/runtime/index.ts → ... imports better-sqlite3 ...']
 * ```
 */
export function corralExternals(module: string, root: string, metafile: Metafile, allowed: ReadonlySet<string>): string[] {
  const inCorral = (input: string) => resolve(input).startsWith(CORRAL_SDK);
  const parent = new Map<string, string>();
  const queue = Object.keys(metafile.inputs).filter((i) => !inCorral(i));
  for (const i of queue) parent.set(i, '');
  for (let k = 0; k < queue.length; k++) {
    for (const imp of metafile.inputs[queue[k]!]?.imports ?? []) {
      if (imp.external || parent.has(imp.path)) continue;
      parent.set(imp.path, queue[k]!);
      queue.push(imp.path);
    }
  }
  const out: string[] = [];
  for (const [input, { imports }] of Object.entries(metafile.inputs)) {
    if (!inCorral(input)) continue;
    for (const imp of imports) {
      const name = packageOf(`node_modules/${imp.path}`);
      if (!imp.external || imp.path.startsWith('<') || isBuiltin(imp.path) || allowed.has(name)) continue;
      const chain: string[] = [];
      for (let at: string | undefined = input; at; at = parent.get(at) || undefined) chain.unshift(shortName(at, root));
      out.push(`task bundle of ${module} refused: ${chain.join(' → ')} imports the package ${name}, which cannot be bundled and is not ` +
        `installed where tasks run. Import only what the task needs (corral's decorators come with every bundle), or pass --external ${name} ` +
        'if your endpoints install it');
    }
  }
  return [...new Set(out)];
}

/** corral's files relative to corral, the project's relative to its root. */
function shortName(input: string, root: string): string {
  const abs = resolve(input);
  return relative(abs.startsWith(CORRAL_SDK) ? CORRAL_ROOT : root, abs).split(sep).join('/');
}
