// What a warm node worker imports to run tasks of source modules (no bundle):
// `__corralEntry(request)` answers one request of the entry protocol. Bundles
// built by codegen export the same function with their module inlined.
import { pathToFileURL } from 'node:url';
import { runEntryRequest, type EntryRequest, type EntryResponse } from './entry-protocol.js';

/**
 * Runs one entry request, importing the task's module (once: node keeps it).
 *
 * @example
 * ```ts
 * const response = await __corralEntry({ protocol: 1, locator, args: [1, 2] });
 * ```
 */
export function __corralEntry(request: EntryRequest): Promise<EntryResponse> {
  return runEntryRequest(request, async (module) => (await import(pathToFileURL(module).href)) as Record<string, unknown>);
}
