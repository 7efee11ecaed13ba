import { fileURLToPath } from 'node:url';

/**
 * Path of the bridge program shipped with corral.
 *
 * @example
 * ```ts
 * await execa('/usr/bin/python3', [BRIDGE_SCRIPT]);
 * ```
 */
export const BRIDGE_SCRIPT = fileURLToPath(new URL('./python/corral_bridge.py', import.meta.url));

/**
 * The Python interpreter the bridge runs under: the endpoint's `python`
 * setting, else `CORRAL_PYTHON`, else `python3` on PATH.
 *
 * @example
 * ```ts
 * pythonInterpreter(undefined, { CORRAL_PYTHON: '/usr/bin/python3' }); // '/usr/bin/python3'
 * ```
 */
export function pythonInterpreter(configured?: string, env: Readonly<Record<string, string | undefined>> = process.env): string {
  return configured ?? env.CORRAL_PYTHON ?? 'python3';
}

/**
 * How to fix a missing or unsuitable interpreter, for error messages.
 *
 * @example
 * ```ts
 * throw new BridgeError('CORRAL_BRIDGE_PYTHON_MISSING', 'no python3', PYTHON_HINT);
 * ```
 */
export const PYTHON_HINT = 'install Python >= 3.10 and set CORRAL_PYTHON (or `python:` of the endpoint in endpoints.yaml) to it, e.g. CORRAL_PYTHON=/usr/bin/python3 where Debian\'s python3-distributed is installed';
