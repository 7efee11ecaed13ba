import { CorralError } from '../../errors/index.js';
import type { TaskLocator } from './task-locator.js';

/**
 * The module a worker loaded does not define the task the locator names.
 *
 * @example
 * ```ts
 * throw new TaskNotFoundError(locator, `class ${locator.className} is not exported`);
 * ```
 */
export class TaskNotFoundError extends CorralError {
  override name = 'TaskNotFoundError';
  readonly code = 'CORRAL_TASK_NOT_FOUND';
  constructor(readonly locator: TaskLocator, detail: string) {
    super(`cannot find task in ${locator.module}: ${detail}`);
  }
}
