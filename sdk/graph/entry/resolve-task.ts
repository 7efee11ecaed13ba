import type { ResolvedRemoteOptions, FederatedOptions } from '../../decorators/index.js';
import { definitionOfFunction, definitionOfMethod, type TaskDefinition } from '../task-definition.js';
import { taskMarkerOf } from './light/task-marker.js';
import { TaskNotFoundError } from './task-not-found-error.js';
import type { TaskLocator } from './task-locator.js';

export { TaskNotFoundError };

/** A task found in a loaded module, ready to call with its arguments. */
export interface ResolvedTask {
  readonly definition: TaskDefinition;
  invoke(args: readonly unknown[]): unknown;
}

/**
 * Finds the task a locator names among a module's exports (decorated by
 * corral, or by the light task-side decorators of a codegen bundle). Methods
 * run on a fresh instance: remote methods must not depend on instance state.
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
      const definition = definitionOfFunction(value) ?? lightDefinition(value, 'function');
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
  const definition = definitionOfMethod(cls as new () => unknown, locator.member)
    ?? lightDefinition((cls.prototype as Record<string, unknown>)[locator.member], 'method', locator.className)
    ?? lightDefinition((cls as unknown as Record<string, unknown>)[locator.member], 'static', locator.className);
  if (!definition) throw new TaskNotFoundError(locator, `${locator.className}.${locator.member} is not a decorated method`);
  if (definition.kind === 'static') return { definition, invoke: (args) => definition.implementation.apply(cls, args as unknown[]) };
  return {
    definition,
    invoke: (args) => definition.implementation.apply(new (cls as new () => unknown)(), args as unknown[]),
  };
}

/** A definition from a light decorator's marker (a bundle imported into a full corral). */
function lightDefinition(fn: unknown, kind: TaskDefinition['kind'], className?: string): TaskDefinition | undefined {
  const marker = taskMarkerOf(fn);
  if (!marker) return undefined;
  const remote = marker.decorator === 'remote' ? marker.options as unknown as ResolvedRemoteOptions : undefined;
  const name = remote?.name ?? (className ? `${className}.${marker.name}` : marker.name);
  return {
    id: name, kind, className, member: marker.name, remote,
    federated: marker.decorator === 'federated' ? marker.options as FederatedOptions : undefined,
    implementation: fn as (...args: any[]) => any,
  };
}
