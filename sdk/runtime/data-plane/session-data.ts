import { join } from 'node:path';
import { MemoryStore, type Store } from '../../data/index.js';
import type { Endpoint } from '../../endpoints/index.js';
import { EndpointStore } from './endpoint-store.js';

/** Name of the runtime machine's store (results of local endpoints). */
export const LOCAL_STORE = 'local';

/**
 * A session's data plane: the runtime machine's store (memory, spilling to
 * files under `.corral/data/`), one {@link EndpointStore} per endpoint that
 * keeps results (Dask), and the threshold above which results stay where they
 * were made. Runs share it, so a `cache: true` result outlives its run.
 *
 * @example
 * ```ts
 * const data = new SessionData(endpoints, { keepAboveBytes: 65536, dir: '.corral' });
 * data.storeOf('local'); // the MemoryStore
 * ```
 */
export class SessionData {
  readonly memory: MemoryStore;
  readonly keepAboveBytes: number;
  private readonly stores = new Map<string, Store>();
  private readonly byEndpoint = new Map<string, EndpointStore>();
  /** Stores opened from endpoints.yaml's `stores:` (closed by their owner, not here), and which endpoint uses which. */
  private readonly shared = new Map<string, Store>();
  private readonly sharedBy = new Map<string, string>();

  constructor(endpoints: readonly Endpoint[], options: { keepAboveBytes: number; dir: string }) {
    this.keepAboveBytes = options.keepAboveBytes;
    this.memory = new MemoryStore({ name: LOCAL_STORE, site: 'client', spill: join(options.dir, 'data', LOCAL_STORE) });
    this.stores.set(LOCAL_STORE, this.memory);
    for (const e of endpoints) {
      if (!e.data) continue;
      const store = new EndpointStore(e.data, e.describe().transferGroup);
      this.stores.set(store.name, store);
      this.byEndpoint.set(e.name, store);
    }
  }

  /**
   * Adds the shared stores (file, redis) that endpoints pass data through:
   * results kept there are read from them, and `byEndpoint` says which store
   * each endpoint's tasks read and write.
   */
  useSharedStores(stores: ReadonlyMap<string, Store>, byEndpoint: ReadonlyMap<string, string>): void {
    for (const [name, store] of stores) this.shared.set(name, store);
    for (const [endpoint, store] of byEndpoint) this.sharedBy.set(endpoint, store);
  }

  /** The store a reference names, when this session has it open. */
  storeOf(name: string): Store | undefined {
    return this.stores.get(name) ?? this.shared.get(name);
  }

  /** Whether `name` is a shared store (one remote endpoints reach), not this machine's or an endpoint's own. */
  isShared(name: string): boolean {
    return this.shared.has(name);
  }

  /** The shared store an endpoint's tasks read and write, when it has one (`store:` in endpoints.yaml). */
  sharedStoreOf(endpoint: string): Store | undefined {
    const name = this.sharedBy.get(endpoint);
    return name === undefined ? undefined : this.shared.get(name);
  }

  /** The store of an endpoint that keeps its results. */
  endpointStore(endpoint: string): EndpointStore | undefined {
    return this.byEndpoint.get(endpoint);
  }

  async close(): Promise<void> {
    await Promise.allSettled([...this.stores.values()].map((s) => s.close()));
  }
}
