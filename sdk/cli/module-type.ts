import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

/**
 * A script was loaded as CommonJS, which cannot import corral (an ES module
 * with top-level await in its scripts): its package.json lacks `"type": "module"`.
 *
 * @example
 * ```ts
 * try { await runScript(file); } catch (e) { if (e instanceof ModuleTypeError) console.error(e.message); }
 * ```
 */
export class ModuleTypeError extends Error {
  override name = 'ModuleTypeError';
  readonly code = 'CORRAL_MODULE_TYPE';
  constructor(readonly script: string, readonly packageJson: string | undefined, cause: unknown) {
    const where = packageJson
      ? `${packageJson} has no "type": "module"`
      : `no package.json above ${dirname(script)} says "type": "module"`;
    const fix = packageJson
      ? `add "type": "module" to ${packageJson} (npm pkg set type=module)`
      : `create a package.json with "type": "module" next to it (npm init -y && npm pkg set type=module)`;
    const mts = relative(process.cwd(), script).replace(/\.([cm]?)([jt]s)$/, '.m$2');
    super(`${relative(process.cwd(), script)} was loaded as CommonJS because ${where}; corral scripts are ES modules: ${fix}, or rename the script to ${mts}`, { cause });
  }
}

const CJS_FAILURE = /ERR_REQUIRE_CYCLE_MODULE|ERR_REQUIRE_ASYNC_MODULE|ERR_REQUIRE_ESM/;
const CJS_MESSAGE = /require\(\) (of )?ES Module|await is only valid in async functions|Cannot use import statement outside a module|top-level await/i;

/**
 * The package.json that decides how node loads `file`, and whether it makes
 * `.ts`/`.js` files ES modules.
 *
 * @example
 * ```ts
 * moduleTypeOf('/app/main.ts'); // { packageJson: '/app/package.json', esm: false }
 * ```
 */
export function moduleTypeOf(file: string): { packageJson?: string; esm: boolean } {
  if (/\.m[jt]s$/.test(file)) return { esm: true };
  if (/\.c[jt]s$/.test(file)) return { esm: false };
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate)) {
      try {
        return { packageJson: candidate, esm: (JSON.parse(readFileSync(candidate, 'utf8')) as { type?: string }).type === 'module' };
      } catch {
        return { packageJson: candidate, esm: false };
      }
    }
    if (dirname(dir) === dir) return { esm: false };
  }
}

/**
 * Turns a failure to load `script` as CommonJS into a {@link ModuleTypeError}
 * with the exact fix; any other error is returned unchanged.
 *
 * @example
 * ```ts
 * try { await importModule(file); } catch (e) { throw explainModuleType(file, e); }
 * ```
 */
export function explainModuleType(script: string, error: unknown): unknown {
  const e = error as { code?: string; message?: string };
  if (!CJS_FAILURE.test(e?.code ?? '') && !CJS_MESSAGE.test(e?.message ?? '')) return error;
  const type = moduleTypeOf(script);
  return type.esm ? error : new ModuleTypeError(script, type.packageJson, error);
}
