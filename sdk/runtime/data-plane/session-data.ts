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

  /** The store a reference names, when this session has it open. */
  storeOf(name: string): Store | undefined {
    return this.stores.get(name);
  }

  /** The store of an endpoint that keeps its results. */
  endpointStore(endpoint: string): EndpointStore | undefined {
    return this.byEndpoint.get(endpoint);
  }

  async close(): Promise<void> {
    await Promise.allSettled([...this.stores.values()].map((s) => s.close()));
  }
}
