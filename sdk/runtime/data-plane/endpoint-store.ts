import { LostDataError, UnsupportedStoreOperationError, type DataRef, type PutOptions, type Store, type StoreDescription } from '../../data/index.js';
import { HeldDataLostError, type EndpointData } from '../../endpoints/index.js';

/**
 * An endpoint's kept results (Dask worker memory) seen as a {@link Store}, so
 * DataLifetimes releases them like any other store's objects. Values are
 * only made there, by tasks: `put` is refused.
 *
 * @example
 * ```ts
 * const store = new EndpointStore(daskEndpoint.data!, daskEndpoint.describe().transferGroup);
 * await store.get(ref); // fetched from the worker that holds it
 * ```
 */
export class EndpointStore implements Store {
  readonly kind = 'endpoint';
  readonly name: string;
  /** Ids this session's tasks made there and that were not released. */
  private readonly held = new Set<string>();

  constructor(private readonly data: EndpointData, private readonly site: string) {
    this.name = data.store;
  }

  describe(): StoreDescription {
    return { name: this.name, kind: this.kind, site: this.site, location: `workers of endpoint store ${this.name}` };
  }

  /** A result of a task that the endpoint kept. */
  adopt(ref: DataRef): void {
    this.held.add(ref.id);
  }

  async get(ref: DataRef): Promise<unknown> {
    return (await this.fetch(ref)).value;
  }

  /** The value, the bytes that crossed to fetch it and, when the endpoint timed it, the seconds of the transfer. */
  async fetch(ref: DataRef): Promise<{ value: unknown; bytes: number; seconds?: number }> {
    if (!this.held.has(ref.id)) throw new LostDataError(ref, this.name, `store "${this.name}" of this session does not hold it (made by an earlier session, or released)`);
    try {
      return await this.data.fetch(ref.id);
    } catch (error) {
      if (error instanceof HeldDataLostError) {
        this.held.delete(ref.id);
        throw new LostDataError(ref, this.name, error.message);
      }
      throw error;
    }
  }

  async has(ref: DataRef): Promise<boolean> {
    return this.held.has(ref.id);
  }

  async delete(ref: DataRef): Promise<boolean> {
    if (!this.held.delete(ref.id)) return false;
    await this.data.release([ref.id]);
    return true;
  }

  put(_value: unknown, _options?: PutOptions): Promise<DataRef> {
    return Promise.reject(new UnsupportedStoreOperationError(this.name, 'put', 'it holds only results its endpoint\'s tasks made'));
  }

  putEncoded(_bytes: Uint8Array, _options?: PutOptions): Promise<DataRef> {
    return this.put(undefined);
  }

  getEncoded(ref: DataRef): Promise<Uint8Array> {
    return Promise.reject(new UnsupportedStoreOperationError(this.name, `give data ${ref.id} as encoded bytes`, 'it gives its data as values only (get)'));
  }

  async close(): Promise<void> {
    const ids = [...this.held];
    this.held.clear();
    await this.data.release(ids).catch(() => undefined);
  }
}
