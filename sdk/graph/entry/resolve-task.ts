import { definitionOfFunction, definitionOfMethod, type TaskDefinition } from '../task-definition.js';
import type { TaskLocator } from './task-locator.js';
import { CorralError } from '../../errors/index.js';

/** A task found in a loaded module, ready to call with its arguments. */
export interface ResolvedTask {
  readonly definition: TaskDefinition;
  invoke(args: readonly unknown[]): unknown;
}

/**
 * Finds the task a locator names among a module's exports. Methods run on a
 * fresh instance: remote methods must not depend on instance state.
 *
 * @example
 * ```ts
 * const task = resolveTask(await import('/app/images.ts'), locator);
 * await task.invoke([img, 128]);
 * ```
 */
export function resolveTask(exports: Record<string, unknown>, locator: TaskLocator): ResolvedTask {
  if (locator.kind === 'function') {
    for (const value of Object.values(exports)) {
      const definition = definitionOfFunction(value);
      if (definition && definition.member === locator.member) {
        return { definition, invoke: (args) => definition.implementation(...args) };
      }
    }
    throw new TaskNotFoundError(locator, `no exported remote(...) function named "${locator.member}"`);
  }
  const cls = exports[locator.className ?? ''];
  if (typeof cls !== 'function') {
    throw new TaskNotFoundError(locator, `class ${locator.className} is not exported (tasks must be exported so workers can load them)`);
  }
  const definition = definitionOfMethod(cls as new () => unknown, locator.member);
  if (!definition) throw new TaskNotFoundError(locator, `${locator.className}.${locator.member} is not a decorated method`);
  if (definition.kind === 'static') return { definition, invoke: (args) => definition.implementation.apply(cls, args as unknown[]) };
  return {
    definition,
    invoke: (args) => definition.implementation.apply(new (cls as new () => unknown)(), args as unknown[]),
  };
}

/** The module a worker loaded does not define the task the locator names. */
export class TaskNotFoundError extends CorralError {
  override name = 'TaskNotFoundError';
  readonly code = 'CORRAL_TASK_NOT_FOUND';
  constructor(readonly locator: TaskLocator, detail: string) {
    super(`cannot find task in ${locator.module}: ${detail}`);
  }
}
