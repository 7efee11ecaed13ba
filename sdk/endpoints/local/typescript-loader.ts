import { pathToFileURL } from 'node:url';

/** Set on globalThis once tsx's loader is registered in this thread or process. */
export const TSX_REGISTERED = Symbol.for('corral.tsx-registered');

/**
 * Imports a module by path. A TypeScript file (the user's own task module
 * when tasks run without bundles) first gets tsx's loader, registered once;
 * compiled JavaScript loads with plain node and never pays for it.
 *
 * @example
 * ```ts
 * const exports = await importModule('/app/tasks/images.ts');
 * ```
 */
export async function importModule(file: string): Promise<Record<string, unknown>> {
  if (/\.[cm]?tsx?$/.test(file)) await registerTsx();
  return (await import(pathToFileURL(file).href)) as Record<string, unknown>;
}

/**
 * Registers tsx's ESM loader in this thread once.
 *
 * @example
 * ```ts
 * await registerTsx();
 * await import('./script.ts');
 * ```
 */
export async function registerTsx(): Promise<void> {
  const flags = globalThis as Record<symbol, unknown>;
  if (flags[TSX_REGISTERED]) return;
  flags[TSX_REGISTERED] = true;
  const { register } = await import('tsx/esm/api');
  register();
}
