import { createHash, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { DataRefError } from './data-errors.js';

/**
 * A reference to a value that stays where it was made: what the runtime, the
 * journal and placement hold instead of the bytes. Plain JSON.
 *
 * @example
 * ```ts
 * const ref = await store.put(new Float64Array(1e6));
 * // { id: '0b7e…', bytes: 8000184, digest: 'sha256:…', store: 'local', site: 'laptop', producer: 'c12' }
 * ```
 */
export interface DataRef {
  /** Unique id; the same id names copies of one value in other stores. */
  readonly id: string;
  /** Size of the stored object (corral's data format), what moving it costs. */
  readonly bytes: number;
  /** `sha256:` and the hex digest of the stored object, checked on every read. */
  readonly digest: string;
  /** Name of the store that holds it. */
  readonly store: string;
  /** Transfer group (site) where the store keeps it: placement sees where inputs live. */
  readonly site: string;
  /** Call id of the task call that produced it, to recompute it when lost (lineage). */
  readonly producer?: string;
  /**
   * The producing call's replay key (task, arguments, occurrence): what a
   * consumer's own replay key hashes instead of the random id, so a value
   * recomputed by the same call after a loss still matches the consumer's
   * journaled result on resume.
   */
  readonly lineage?: string;
}

/** Marks a reference in the journal's JSON, so a stored result is told apart from a value. */
export const DATA_REF_MARK = 'corral-data-ref/1';

const ID = /^[A-Za-z0-9_-]{1,128}$/;
const DIGEST = /^sha256:[0-9a-f]{64}$/;

/** The zod schema of a reference's JSON form (what {@link dataRefToJson} writes). */
export const dataRefJsonSchema = z.strictObject({
  $data: z.literal(DATA_REF_MARK, { error: `must be "${DATA_REF_MARK}"` }),
  id: z.string({ error: 'must be a string' }).regex(ID, { error: 'must be 1-128 letters, digits, _ or -' }),
  bytes: z.number({ error: 'must be a number' }).int({ error: 'must be an integer >= 0' }).min(0, { error: 'must be an integer >= 0' }),
  digest: z.string({ error: 'must be a string' }).regex(DIGEST, { error: 'must be "sha256:" and 64 hex digits' }),
  store: z.string({ error: 'must be a string' }).min(1, { error: 'must be a store name' }),
  site: z.string({ error: 'must be a string' }).min(1, { error: 'must be a site (transfer group)' }),
  producer: z.string({ error: 'must be a call id (a string)' }).optional(),
  lineage: z.string({ error: 'must be a replay key (a string)' }).min(1, { error: 'must be a replay key (a string)' }).optional(),
});

/** The JSON form of a reference, as the journal records it. */
export type DataRefJson = z.infer<typeof dataRefJsonSchema>;

/**
 * The JSON form of a reference for the journal: the reference, never the bytes.
 *
 * @example
 * ```ts
 * journal.recordResult(callId, JSON.stringify(dataRefToJson(ref)));
 * ```
 */
export function dataRefToJson(ref: DataRef): DataRefJson {
  return {
    $data: DATA_REF_MARK, id: ref.id, bytes: ref.bytes, digest: ref.digest, store: ref.store, site: ref.site,
    ...(ref.producer === undefined ? {} : { producer: ref.producer }), ...(ref.lineage === undefined ? {} : { lineage: ref.lineage }),
  };
}

/**
 * Reads a reference back from its JSON form, checked field by field; a bad
 * one is a {@link DataRefError} naming `where`, the field and the value.
 *
 * @example
 * ```ts
 * const ref = parseDataRef(JSON.parse(row.result), `journal run ${runId} call ${callId} result`);
 * ```
 */
export function parseDataRef(json: unknown, where: string): DataRef {
  const parsed = dataRefJsonSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    if (issue.code === 'unrecognized_keys') {
      const key = issue.keys[0]!;
      throw new DataRefError(where, key, (json as Record<string, unknown>)[key], `not a field of a data reference (allowed: ${Object.keys(dataRefJsonSchema.shape).join(', ')})`);
    }
    const field = issue.path.map(String).join('.') || '(reference)';
    const value = issue.path.length > 0 && json !== null && typeof json === 'object' ? (json as Record<string, unknown>)[String(issue.path[0])] : json;
    throw new DataRefError(where, field, value, issue.path.length > 0 ? issue.message : 'must be an object with $data, id, bytes, digest, store, site');
  }
  const { $data: _mark, ...ref } = parsed.data;
  return ref;
}

/**
 * Whether a JSON value is a reference's JSON form (cheap check of the mark;
 * {@link parseDataRef} validates).
 *
 * @example
 * ```ts
 * const value = isDataRefJson(stored) ? parseDataRef(stored, where) : stored;
 * ```
 */
export function isDataRefJson(value: unknown): boolean {
  return value !== null && typeof value === 'object' && (value as { $data?: unknown }).$data === DATA_REF_MARK;
}

/** `sha256:` and the hex digest of `bytes`. */
export function digestOf(bytes: Uint8Array): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

/** A fresh reference id, or `id` checked. */
export function refId(id?: string): string {
  if (id === undefined) return randomUUID();
  if (!ID.test(id)) throw new DataRefError('put', 'id', id, 'must be 1-128 letters, digits, _ or -');
  return id;
}
