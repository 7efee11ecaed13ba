import { DamagedDataError } from './data-errors.js';
import type { DataRef } from './data-ref.js';
import type { PutOptions, Store } from './store.js';
import { decodeValue, encodeValue } from './value-codec.js';

/** A store operation's result with the bytes that crossed and the seconds the transfer took. */
export interface Measured<T> {
  readonly result: T;
  readonly bytes: number;
  /** The transfer alone: encoding before a write and decoding after a read are not counted. */
  readonly seconds: number;
}

/**
 * Writes `value` to `store` and times the write alone (the value is encoded
 * first): what a transfer model should learn from a put.
 *
 * @example
 * ```ts
 * const { result: ref, bytes, seconds } = await putMeasured(scratch, new Float64Array(1e6), { producer: 'c3' });
 * journal.move({ from: 'client', to: ref.site, bytes, seconds });
 * ```
 */
export async function putMeasured(store: Store, value: unknown, options?: PutOptions): Promise<Measured<DataRef>> {
  const encoded = encodeValue(value);
  const started = performance.now();
  const ref = await store.putEncoded(encoded, options);
  return { result: ref, bytes: ref.bytes, seconds: (performance.now() - started) / 1000 };
}

/**
 * Reads the value of `ref` from `store` and times the read alone (decoding
 * comes after the clock stops). A stored object that does not decode is a
 * {@link DamagedDataError}.
 *
 * @example
 * ```ts
 * const { result: value, seconds } = await getMeasured(campus, ref);
 * ```
 */
export async function getMeasured(store: Store, ref: DataRef): Promise<Measured<unknown>> {
  const started = performance.now();
  const encoded = await store.getEncoded(ref);
  const seconds = (performance.now() - started) / 1000;
  try {
    return { result: decodeValue(encoded), bytes: encoded.byteLength, seconds };
  } catch (error) {
    throw new DamagedDataError(ref, `store "${store.name}"`, (error as Error).message);
  }
}
