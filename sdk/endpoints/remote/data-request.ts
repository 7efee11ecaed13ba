import type { EntryResponse } from '../../graph/index.js';
import type { TaskSpec } from '../endpoint.js';
import type { MoveListener, TaskDataRef, TaskDataStore } from './task-data-store.js';

/**
 * What the task side of a remote endpoint is told about the data store, sent
 * beside the entry request: where the store is, which arguments to read from
 * it (their places in the request hold null), and above what size to write
 * the result there instead of returning it.
 */
export interface DataRequest {
  readonly store: Readonly<Record<string, unknown>>;
  readonly args: ReadonlyArray<{ readonly index: number; readonly ref: TaskDataRef }>;
  /** A response line longer than this goes to the store, and a reference comes back. */
  readonly resultOverBytes: number;
  /** Id of the stored result: the one the runtime gave it (`TaskSpec.keep.ref`), else the task side makes one. */
  readonly resultId?: string;
  /** Call id of the attempt, kept in the result's reference (lineage). */
  readonly producer: string;
}

/** Room left in a request for its locator, the data block and JSON framing. */
const MARGIN_BYTES = 16 * 1024;

/**
 * The request's arguments with references in place of data: arguments that
 * already are references (adopted into `store`), then the largest arguments
 * until the request fits under `overBytes` (those are `stored`: the attempt's
 * own copies, to release when it settles). A result goes to the store above
 * the limit, or above `spec.keep.minBytes` when the runtime asks to keep it
 * there. Every timed write and copy is told to `moved`.
 *
 * @example
 * ```ts
 * const { args, data } = await dataRequest(store, spec, encodeWire(spec.args) as unknown[], 10_000_000);
 * ```
 */
export async function dataRequest(store: TaskDataStore, spec: TaskSpec, wireArgs: readonly unknown[], overBytes: number, moved?: MoveListener): Promise<{ args: unknown[]; data: DataRequest; stored: TaskDataRef[] }> {
  const args = [...wireArgs];
  const refs: Array<{ index: number; ref: TaskDataRef }> = [];
  for (let index = 0; index < args.length; index++) {
    const ref = await store.adopt(spec.args[index], moved);
    if (ref) {
      refs.push({ index, ref });
      args[index] = null;
    }
  }
  const sizes = args.map((a, index) => ({ index, bytes: a === null ? 0 : Buffer.byteLength(JSON.stringify(a) ?? 'null') }));
  let total = sizes.reduce((sum, s) => sum + s.bytes, 0);
  const stored: TaskDataRef[] = [];
  for (const { index, bytes } of sizes.sort((a, b) => b.bytes - a.bytes)) {
    if (total <= overBytes - MARGIN_BYTES || bytes === 0) break;
    const ref = await store.put(spec.args[index], spec.callId, moved);
    stored.push(ref);
    refs.push({ index, ref });
    args[index] = null;
    total -= bytes;
  }
  refs.sort((a, b) => a.index - b.index);
  const resultOverBytes = Math.min(overBytes - MARGIN_BYTES, spec.keep?.minBytes ?? Number.POSITIVE_INFINITY);
  const data: DataRequest = { store: { name: store.name, ...store.reach }, args: refs, resultOverBytes, producer: spec.callId, ...(spec.keep ? { resultId: spec.keep.ref } : {}) };
  return { args, stored, data };
}

/** An entry response whose value the task side wrote to the data store. */
export type StoredResponse = Extract<EntryResponse, { ok: true }> & { readonly valueRef: TaskDataRef };

/** Whether the task side sent the result's reference instead of its value. */
export function isStoredResponse(response: EntryResponse): response is StoredResponse {
  return response.ok && typeof (response as { valueRef?: unknown }).valueRef === 'object' && (response as { valueRef?: unknown }).valueRef !== null;
}
