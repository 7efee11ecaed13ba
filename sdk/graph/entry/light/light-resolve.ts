import { TaskNotFoundError } from '../task-not-found-error.js';
import type { TaskLocator } from '../task-locator.js';
import { taskMarkerOf } from './task-marker.js';

/**
 * Finds the task a locator names among a bundle's exports by the markers the
 * light decorators left; methods run on a fresh instance.
 *
 * @example
 * ```ts
 * const run = resolveLightTask(taskModule, locator);
 * await run([img, 128]);
 * ```
 */
export function resolveLightTask(exports: Record<string, unknown>, locator: TaskLocator): (args: readonly unknown[]) => unknown {
  if (locator.kind === 'function') {
    const fn = Object.values(exports).find((v) => taskMarkerOf(v)?.name === locator.member) as ((...a: unknown[]) => unknown) | undefined;
    if (!fn) throw new TaskNotFoundError(locator, `no exported remote(...) function named "${locator.member}"`);
    return (args) => fn(...args);
  }
  const cls = exports[locator.className ?? ''] as (new () => Record<string, unknown>) & Record<string, unknown>;
  if (typeof cls !== 'function') {
    throw new TaskNotFoundError(locator, `class ${locator.className} is not exported (tasks must be exported so workers can load them)`);
  }
  const isStatic = locator.kind === 'static';
  const method = (isStatic ? cls[locator.member] : (cls.prototype as Record<string, unknown>)[locator.member]) as ((...a: unknown[]) => unknown) | undefined;
  if (!taskMarkerOf(method)) throw new TaskNotFoundError(locator, `${locator.className}.${locator.member} is not a decorated method`);
  return (args) => method!.apply(isStatic ? cls : new cls(), args as unknown[]);
}
