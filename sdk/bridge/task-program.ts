import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { TaskLocator } from '../graph/index.js';
import { SECRET_ENV_SUFFIXES, SECRET_ENV_VARS } from '../secrets/index.js';
import type { TaskProgram, WarmOptions } from './protocol.js';

// The runner on the worker strips these from the task's environment (sdk/secrets holds the list).
const SECRET_ENV = { names: [...SECRET_ENV_VARS], suffixes: [...SECRET_ENV_SUFFIXES] };

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
  /** Warm node workers' limits, or false for a fresh `node` per attempt (default: warm, no limits). */
  readonly warm?: WarmOptions | false;
}

const bundles = new Map<string, string>();

/**
 * The program that runs a task on an engine's worker, and the key engines
 * cache it under: the codegen bundle when the locator has one (shipped as
 * text, cached by hash), else corral's source runner under tsx. Either runs
 * on a warm node worker unless `warm: false`.
 *
 * @example
 * ```ts
 * const { key, program } = taskProgram(spec.locator, { node: '/opt/node/bin/node' });
 * ```
 */
export function taskProgram(locator: TaskLocator, options: ProgramOptions = {}): { key: string; program: TaskProgram; bundleBytes: number } {
  const node = options.node ?? 'node';
  const warm = options.warm ?? {};
  // Programs differ by how they run, so an engine registers each variant once.
  const variant = warm === false ? 'cold' : `warm${JSON.stringify(warm)}`;
  if (locator.bundle) {
    let text = bundles.get(locator.bundle.hash);
    if (text === undefined) {
      text = readFileSync(locator.bundle.path, 'utf8');
      bundles.set(locator.bundle.hash, text);
    }
    return {
      key: `bundle:${locator.bundle.hash}:${variant}`,
      program: { argv: [node], launcher: [node], warm, bundle: { hash: locator.bundle.hash, text }, secretEnv: SECRET_ENV },
      bundleBytes: Buffer.byteLength(text),
    };
  }
  const root = (options.sourceRoot ?? CORRAL_ROOT).replace(/\/$/, '');
  return {
    key: `source:${node}:${root}:${variant}`,
    program: {
      argv: [node, '--import', 'tsx', `${root}/sdk/graph/entry/runner${OWN_EXTENSION}`], cwd: root,
      launcher: [node, '--import', 'tsx'], entry: `${root}/sdk/graph/entry/serve-entry${OWN_EXTENSION}`, warm, secretEnv: SECRET_ENV,
    },
    bundleBytes: 0,
  };
}
