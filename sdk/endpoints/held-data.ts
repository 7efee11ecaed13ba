import { CorralError } from '../errors/index.js';

/**
 * The mark of a reference's JSON form (`sdk/data`'s `DATA_REF_MARK`): an
 * argument object with `$data` set to it stands for a value the endpoint
 * holds. Repeated here because endpoints and data do not import each other;
 * a test keeps the two equal.
 */
export const HELD_MARK = 'corral-data-ref/1';

/** An argument that names a value an endpoint holds (a reference's JSON form). */
export interface HeldArgument {
  readonly $data: typeof HELD_MARK;
  readonly id: string;
  readonly bytes: number;
  readonly store: string;
}

/** A result the endpoint kept where it was made, instead of sending it back. */
export interface HeldResult {
  /** The id the runtime gave the result (`TaskSpec.keep.ref`). */
  readonly id: string;
  /** Size of the value as the endpoint stores it. */
  readonly bytes: number;
  /** `sha256:` and the hex digest of the stored value. */
  readonly digest: string;
  /** The data store that holds it, when not the endpoint itself (a Globus Compute endpoint's `store:`). */
  readonly store?: string;
  /** That store's site (transfer group). */
  readonly site?: string;
}

/**
 * What an endpoint that keeps results offers the runtime: the store name its
 * references carry, fetching a value to the client, and releasing values.
 *
 * @example
 * ```ts
 * if (endpoint.data) {
 *   const value = await endpoint.data.fetch(ref.id);
 *   await endpoint.data.release([ref.id]);
 * }
 * ```
 */
export interface EndpointData {
  /** Store name of the references to values this endpoint keeps (e.g. `dask:cluster`). */
  readonly store: string;
  /**
   * The value of a kept result, the bytes that crossed and the seconds they
   * took (not counting decoding); rejects with a {@link HeldDataLostError}
   * when it is gone.
   */
  fetch(id: string): Promise<{ value: unknown; bytes: number; seconds?: number }>;
  /** Forgets kept results (ids it does not know are ignored). */
  release(ids: readonly string[]): Promise<void>;
}

/**
 * A kept result the endpoint no longer has (its worker died with it, the
 * engine was restarted): the runtime recomputes it from its producer.
 *
 * @example
 * ```ts
 * try { await ep.data!.fetch(id); } catch (e) { if (e instanceof HeldDataLostError) recompute(); }
 * ```
 */
export class HeldDataLostError extends CorralError {
  override name = 'HeldDataLostError';
  readonly code = 'CORRAL_HELD_DATA_LOST';
  constructor(readonly endpoint: string, readonly id: string, detail: string) {
    super(`endpoint ${endpoint} no longer holds data ${id}: ${detail}`, { retryable: false });
  }
}

/** Whether a value is a {@link HeldArgument}. */
export function isHeldArgument(value: unknown): value is HeldArgument {
  return value !== null && typeof value === 'object' && (value as { $data?: unknown }).$data === HELD_MARK;
}

/** Ids of the held arguments among a call's arguments (top level and one level into arrays and objects). */
export function heldArgumentIds(args: readonly unknown[]): string[] {
  const ids: string[] = [];
  const visit = (v: unknown, depth: number) => {
    if (isHeldArgument(v)) ids.push(v.id);
    else if (depth < 4 && Array.isArray(v)) v.forEach((x) => visit(x, depth + 1));
    else if (depth < 4 && v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) Object.values(v).forEach((x) => visit(x, depth + 1));
  };
  args.forEach((a) => visit(a, 0));
  return [...new Set(ids)];
}
