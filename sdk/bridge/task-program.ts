import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { TaskLocator } from '../graph/index.js';
import type { TaskProgram } from './protocol.js';

/**
 * Root of corral's sources on this machine (runs source modules without a bundle).
 *
 * @example
 * ```ts
 * taskProgram(locator, { sourceRoot: CORRAL_ROOT });
 * ```
 */
export const CORRAL_ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** `.ts` when corral runs from its sources, `.js` when compiled (dist/). */
const OWN_EXTENSION = import.meta.url.endsWith('.ts') ? '.ts' : '.js';

/** Where `node` and corral live on the machines an endpoint runs tasks on. */
export interface ProgramOptions {
  /** `node` command on the workers (default `node`). */
  readonly node?: string;
  /** corral's checkout on the workers, for tasks without a bundle (default: this one). */
  readonly sourceRoot?: string;
}

const bundles = new Map<string, string>();

/**
 * The program that runs a task on an engine's worker, and the key engines
 * cache it under: the codegen bundle when the locator has one (shipped as
 * text, cached by hash), else corral's source runner under tsx.
 *
 * @example
 * ```ts
 * const { key, program } = taskProgram(spec.locator, { node: '/opt/node/bin/node' });
 * ```
 */
export function taskProgram(locator: TaskLocator, options: ProgramOptions = {}): { key: string; program: TaskProgram; bundleBytes: number } {
  const node = options.node ?? 'node';
  if (locator.bundle) {
    let text = bundles.get(locator.bundle.hash);
    if (text === undefined) {
      text = readFileSync(locator.bundle.path, 'utf8');
      bundles.set(locator.bundle.hash, text);
    }
    return { key: `bundle:${locator.bundle.hash}`, program: { argv: [node], bundle: { hash: locator.bundle.hash, text } }, bundleBytes: Buffer.byteLength(text) };
  }
  const root = options.sourceRoot ?? CORRAL_ROOT;
  return {
    key: `source:${node}:${root}`,
    program: { argv: [node, '--import', 'tsx', `${root.replace(/\/$/, '')}/sdk/graph/entry/runner${OWN_EXTENSION}`], cwd: root },
    bundleBytes: 0,
  };
}
