import type { DataMove } from '../../database/index.js';

/**
 * A reference to a stored value as the task side reads it: corral's DataRef
 * (sdk/data) as plain JSON. Endpoints see this shape only, never a store.
 */
export interface TaskDataRef {
  readonly id: string;
  readonly bytes: number;
  readonly digest: string;
  readonly store: string;
  readonly site: string;
  readonly producer?: string;
  /** The producing call's replay key (see sdk/data's DataRef). */
  readonly lineage?: string;
}

/** Told of each timed move a store operation made, for the attempt that asked for it. */
export type MoveListener = (move: DataMove) => void;

/**
 * The store a remote endpoint passes large arguments and results through,
 * as the endpoint sees it. Stores and endpoints sit side by side in the
 * layers, so the runtime connects a `Store` of sdk/data to an endpoint
 * through this seam (see `taskDataStoreOf` in sdk/runtime/config).
 *
 * @example
 * ```ts
 * hpc.useDataStore({
 *   name: 'scratch', reach: { connector: 'file', path: '/scratch/corral' },
 *   put: (value, producer) => store.put(value, { producer }),
 *   get: (ref) => store.get(ref),
 *   release: async (ref) => { await store.delete(ref); },
 *   adopt: async () => undefined,
 *   lost: (ref, where, reason) => new LostDataError(ref, where, reason),
 * });
 * ```
 */
export interface TaskDataStore {
  readonly name: string;
  /** How the task side reaches the store (JSON for the bridge's task runner; never a secret). */
  readonly reach: Readonly<Record<string, unknown>>;
  /** Stores an argument; the task side reads it by the reference. `moved` hears the timed write. */
  put(value: unknown, producer: string, moved?: MoveListener): Promise<TaskDataRef>;
  /** The value of a reference the task side wrote (a result). `moved` hears the timed read. */
  get(ref: TaskDataRef, moved?: MoveListener): Promise<unknown>;
  /** Deletes an object the endpoint no longer needs (an attempt's stored arguments, a result read back). */
  release(ref: TaskDataRef): Promise<void>;
  /**
   * When `arg` is a reference to stored data (from this store or another),
   * the reference to read it from this store, copied here first when it lives
   * elsewhere (each copy told to `moved`); undefined for a plain value.
   */
  adopt(arg: unknown, moved?: MoveListener): Promise<TaskDataRef | undefined>;
  /** The error of a reference the task side found missing or damaged. */
  lost(ref: TaskDataRef, where: string, reason: string): Error;
}

/**
 * An endpoint that can pass data through a {@link TaskDataStore} (Globus
 * Compute): endpoints.yaml's `store:` field connects one.
 *
 * @example
 * ```ts
 * if (acceptsDataStore(endpoint)) endpoint.useDataStore(store);
 * ```
 */
export interface DataStoreUser {
  useDataStore(store: TaskDataStore): void;
}

/** Whether `endpoint` takes a {@link TaskDataStore}. */
export function acceptsDataStore(endpoint: object): endpoint is DataStoreUser {
  return typeof (endpoint as Partial<DataStoreUser>).useDataStore === 'function';
}
