import { CorralError, showValue } from '../errors/index.js';
import type { DataRef } from './data-ref.js';

/**
 * The base of the data plane's errors: a stable `code` and a `retryable` flag,
 * a {@link CorralError} (the runtime branches on both without knowing the store).
 *
 * @example
 * ```ts
 * try { await store.get(ref); } catch (e) {
 *   if (e instanceof DataError && !e.retryable) recompute(ref.producer);
 * }
 * ```
 */
export abstract class DataError extends CorralError {
  constructor(message: string, options: { cause?: unknown; retryable?: boolean } = {}) {
    super(message, options);
  }
}

/**
 * A reference whose bytes its store no longer has (wiped, expired, the store
 * itself gone). Asking again will not help: the runtime recomputes the value
 * from `ref.producer` (lineage).
 *
 * @example
 * ```ts
 * // data 7f3c… (producer call c12) is lost: not in store "scratch" at /scratch/corral/7f/7f3c….corral
 * if (e instanceof LostDataError) rerun(e.ref.producer);
 * ```
 */
export class LostDataError extends DataError {
  override name = 'LostDataError';
  readonly code: string = 'CORRAL_DATA_LOST';
  constructor(readonly ref: DataRef, readonly where: string, reason = `not in store "${ref.store}" at ${where}`) {
    super(`data ${ref.id}${ref.producer ? ` (producer call ${ref.producer})` : ''} is lost: ${reason}`, { retryable: false });
  }
}

/**
 * The store has the object but its bytes are not the ones the reference was
 * made for (digest or size differs, or the object is not in corral's data
 * format). Treated like lost data: recomputed from its producer.
 *
 * @example
 * ```ts
 * // data 7f3c… is damaged at /scratch/corral/7f/7f3c….corral: sha256 3a9e… != expected 51b0… (1024 bytes, expected 8192)
 * ```
 */
export class DamagedDataError extends LostDataError {
  override name = 'DamagedDataError';
  override readonly code = 'CORRAL_DATA_DAMAGED';
  constructor(ref: DataRef, where: string, detail: string) {
    super(ref, where, `damaged at ${where}: ${detail}`);
  }
}

/**
 * A store cannot be reached or did not answer in time (a Redis server down, a
 * shared path unmounted). Retryable: the same operation may succeed later.
 *
 * @example
 * ```ts
 * // store "cache" (redis at 127.0.0.1:6390): get of data 7f3c… failed: connect ECONNREFUSED 127.0.0.1:6390
 * ```
 */
export class StoreUnavailableError extends DataError {
  override name = 'StoreUnavailableError';
  readonly code = 'CORRAL_STORE_UNAVAILABLE';
  constructor(readonly store: string, readonly location: string, readonly operation: string, detail: string, cause?: unknown) {
    super(`store "${store}" (${location}): ${operation} failed: ${detail}`, { cause, retryable: true });
  }
}

/**
 * A `store:` block (endpoints.yaml, or options given in code) is invalid:
 * names where, the field, the bad value and what is allowed.
 *
 * @example
 * ```ts
 * // endpoints.yaml store.port: 70000 is not allowed: must be an integer 1..65535
 * ```
 */
export class StoreConfigError extends DataError {
  override name = 'StoreConfigError';
  readonly code = 'CORRAL_STORE_CONFIG';
  constructor(readonly where: string, readonly field: string, readonly value: unknown, detail: string) {
    super(`${where} ${field}: ${detail}`);
  }
}

/**
 * A reference read back (from the journal, or handed to the wrong store) is
 * not a valid reference: names where it came from, the field and the value.
 *
 * @example
 * ```ts
 * // journal run r1 call c3 result: data reference field digest is "md5:…", must be "sha256:" and 64 hex digits
 * ```
 */
export class DataRefError extends DataError {
  override name = 'DataRefError';
  readonly code = 'CORRAL_DATA_REF';
  constructor(readonly where: string, readonly field: string, readonly value: unknown, detail: string) {
    super(`${where}: data reference field ${field} is ${show(value)}, ${detail}`);
  }
}

/**
 * A value cannot be put in a store: it holds something corral's data format
 * cannot carry (a function, a class instance with methods, a cycle).
 *
 * @example
 * ```ts
 * // cannot store the value: [1].f is a function
 * ```
 */
export class DataEncodingError extends DataError {
  override name = 'DataEncodingError';
  readonly code = 'CORRAL_DATA_ENCODING';
  constructor(detail: string, cause?: unknown) {
    super(`cannot store the value: ${detail}`, { cause });
  }
}

/**
 * A call was said to need a reference that {@link DataLifetimes} never
 * counted (or already released): the runtime must `track(ref)` when a result
 * is made. Names the reference, its store and the call; not retryable.
 *
 * @example
 * ```ts
 * // data 7f3c… in store "local" is not tracked (needed by call c7): track(ref) when it is made
 * ```
 */
export class UntrackedDataError extends DataError {
  override name = 'UntrackedDataError';
  readonly code = 'CORRAL_DATA_UNTRACKED';
  constructor(readonly ref: DataRef, readonly callId: string) {
    super(`data ${ref.id} in store "${ref.store}" is not tracked (needed by call ${callId}): track(ref) when it is made, before a call needs it`, { retryable: false });
  }
}

/**
 * An operation a store does not offer: a store that only holds what its
 * endpoint's tasks made takes no `put`, and gives its data as values, not
 * encoded bytes. Names the store and the operation; not retryable.
 *
 * @example
 * ```ts
 * // store "dask-a" cannot put: it holds only results its endpoint's tasks made
 * ```
 */
export class UnsupportedStoreOperationError extends DataError {
  override name = 'UnsupportedStoreOperationError';
  readonly code = 'CORRAL_DATA_UNSUPPORTED';
  constructor(readonly store: string, readonly operation: string, detail: string) {
    super(`store "${store}" cannot ${operation}: ${detail}`, { retryable: false });
  }
}

/** A short printable form of a bad value, for error messages. */
export const show = showValue;
