import type { DataRef } from './data-ref.js';

/**
 * The Store seam: where values stay between calls, named by {@link DataRef}s.
 * Implementations beside this file: {@link MemoryStore} (spilling to a file
 * store), {@link FileStore} (a local or shared path), {@link RedisStore}.
 *
 * @example
 * ```ts
 * const store = new FileStore({ name: 'scratch', path: '/scratch/corral', site: 'hpc' });
 * const ref = await store.put(new Float64Array(5e6), { producer: 'c12' });
 * const back = (await store.get(ref)) as Float64Array;
 * await store.delete(ref);
 * await store.close();
 * ```
 */
export interface Store {
  readonly name: string;
  readonly kind: string;
  /** Static facts: name, kind, site and where the bytes are. */
  describe(): StoreDescription;
  /** Stores a value (anything corral's wire codec carries) and returns its reference. */
  put(value: unknown, options?: PutOptions): Promise<DataRef>;
  /** The value of a reference of this store; {@link LostDataError} when it is gone or damaged. */
  get(ref: DataRef): Promise<unknown>;
  /** Stores an object already in corral's data format (e.g. copied from another store). */
  putEncoded(bytes: Uint8Array, options?: PutOptions): Promise<DataRef>;
  /** The stored object, digest checked; treat it as read-only. */
  getEncoded(ref: DataRef): Promise<Uint8Array>;
  /** Whether the store still holds the reference's object. */
  has(ref: DataRef): Promise<boolean>;
  /** Removes the object; false when it was not there. */
  delete(ref: DataRef): Promise<boolean>;
  /** Releases connections and memory; objects on shared stores stay. */
  close(): Promise<void>;
}

/** Options of one put. */
export interface PutOptions {
  /** Call id of the producing call, kept in the reference for lineage. */
  readonly producer?: string;
  /** Reuse this id (a copy of a value already referenced elsewhere). */
  readonly id?: string;
}

/** Static description of a store. */
export interface StoreDescription {
  readonly name: string;
  readonly kind: string;
  /** Transfer group where the bytes live. */
  readonly site: string;
  /** Where, for people: a path, a redis address (never a password), `memory`. */
  readonly location: string;
}
