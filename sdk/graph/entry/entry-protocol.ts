import { entryMainWith, runEntryWith, type EntryRequest, type EntryResponse, type ModuleLoader, type TaskFinder } from './entry-core.js';
import { resolveTask } from './resolve-task.js';

export {
  ENTRY_PROTOCOL_VERSION, RESPONSE_MARKER, parseEntryResponse,
  type EntryRequest, type EntryResponse, type EntryTimings, type ModuleLoader,
} from './entry-core.js';

const findTask: TaskFinder = (exports, locator) => {
  const task = resolveTask(exports, locator);
  return (args) => task.invoke(args);
};

/**
 * Runs one request of the entry protocol (see entry-core.ts) to completion;
 * never throws. Finds tasks decorated by corral or by a bundle's light decorators.
 *
 * @example
 * ```ts
 * const response = await runEntryRequest(request, async (m) => import(pathToFileURL(m).href));
 * ```
 */
export function runEntryRequest(request: EntryRequest, load: ModuleLoader): Promise<EntryResponse> {
  return runEntryWith(request, load, findTask);
}

/**
 * Reads a request from stdin, runs it, writes the response line; for `node runner`.
 *
 * @example
 * ```ts
 * await entryMain(async (module) => import(pathToFileURL(module).href));
 * ```
 */
export function entryMain(load: ModuleLoader): Promise<void> {
  return entryMainWith(load, findTask);
}
