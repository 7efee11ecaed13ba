import { DataRefError, DamagedDataError } from './data-errors.js';
import { digestOf, refId, type DataRef } from './data-ref.js';
import type { PutOptions, Store, StoreDescription } from './store.js';
import { decodeValue, encodeValue } from './value-codec.js';

/**
 * What every store shares: values go through corral's data format, puts make
 * the reference (id, size, digest, site), gets check the reference is theirs.
 * A store implements {@link write} and {@link read} of whole objects.
 *
 * @example
 * ```ts
 * class TmpStore extends EncodedStore {
 *   readonly kind = 'tmp';
 *   protected async write(ref: DataRef, bytes: Uint8Array) { ... }
 *   ...
 * }
 * ```
 */
export abstract class EncodedStore implements Store {
  abstract readonly kind: string;
  constructor(readonly name: string, readonly site: string) {}

  describe(): StoreDescription {
    return { name: this.name, kind: this.kind, site: this.site, location: this.location() };
  }

  async put(value: unknown, options: PutOptions = {}): Promise<DataRef> {
    return this.putEncoded(encodeValue(value), options);
  }

  async get(ref: DataRef): Promise<unknown> {
    const bytes = await this.getEncoded(ref);
    try {
      return decodeValue(bytes);
    } catch (error) {
      throw new DamagedDataError(ref, this.where(ref), (error as Error).message);
    }
  }

  async putEncoded(bytes: Uint8Array, options: PutOptions = {}): Promise<DataRef> {
    const ref: DataRef = {
      id: refId(options.id), bytes: bytes.byteLength, digest: digestOf(bytes), store: this.name, site: this.site,
      ...(options.producer === undefined ? {} : { producer: options.producer }),
    };
    await this.write(ref, bytes);
    return ref;
  }

  async getEncoded(ref: DataRef): Promise<Uint8Array> {
    this.own(ref);
    return this.read(ref);
  }

  abstract has(ref: DataRef): Promise<boolean>;
  abstract delete(ref: DataRef): Promise<boolean>;
  abstract close(): Promise<void>;

  /** Stores the whole object under `ref.id`, atomically: a reader sees all of it or nothing. */
  protected abstract write(ref: DataRef, bytes: Uint8Array): Promise<void>;
  /** The object, digest checked; {@link LostDataError} when missing. */
  protected abstract read(ref: DataRef): Promise<Uint8Array>;
  /** Where the object of `ref` is, for messages (a path, a key). */
  protected abstract where(ref: DataRef): string;
  /** Where the store is, for people (never a secret). */
  protected abstract location(): string;

  /** Throws when `ref` names another store: reading it here would find nothing. */
  protected own(ref: DataRef): void {
    if (ref.store !== this.name) throw new DataRefError(`store "${this.name}"`, 'store', ref.store, `the reference ${ref.id} belongs to another store: read it through store "${ref.store}"`);
  }
}

/**
 * Checks `bytes` are the object `ref` was made for (size, then sha256).
 *
 * @example
 * ```ts
 * verifyObject(ref, await readFile(path), path); // throws DamagedDataError on a mismatch
 * ```
 */
export function verifyObject(ref: DataRef, bytes: Uint8Array, where: string): Uint8Array {
  if (bytes.byteLength !== ref.bytes) throw new DamagedDataError(ref, where, `${bytes.byteLength} bytes, expected ${ref.bytes}`);
  const digest = digestOf(bytes);
  if (digest !== ref.digest) throw new DamagedDataError(ref, where, `${digest} differs from the expected ${ref.digest}`);
  return bytes;
}
