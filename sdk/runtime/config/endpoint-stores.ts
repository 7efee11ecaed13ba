import { dirname } from 'node:path';
import {
  CLIENT_SITE, copyBetweenStores, DataRefError, FileStore, getMeasured, isDataRefJson, LostDataError, openStore, parseDataRef, putMeasured, RedisStore, StoreConfigError,
  type DataMove, type DataRef, type MoveRecorder, type Store, type StoreConfig,
} from '../../data/index.js';
import { acceptsDataStore, type Endpoint, type TaskDataStore } from '../../endpoints/index.js';
import { ConfigError } from './config-error.js';
import type { EndpointsFile } from './endpoints-file.js';

/** The stores a session opened for its endpoints. */
export interface EndpointStores {
  /** Opened stores by name. */
  readonly stores: ReadonlyMap<string, Store>;
  /** The store each connected endpoint passes data through, by endpoint name. */
  readonly byEndpoint: ReadonlyMap<string, string>;
  /** Closes every store (objects on shared stores stay). */
  close(): Promise<void>;
}

/**
 * Opens the stores that endpoints of `spec` name with `store:` and connects
 * each endpoint to its store. A store's site is its `site:`, else the
 * transfer group of the first endpoint naming it. Arguments that are
 * references to another store are copied into the endpoint's store, each copy
 * told to `onMove`. On any failure the stores opened so far are closed.
 *
 * @example
 * ```ts
 * const spec = loadEndpointsFile('endpoints.yaml');
 * const endpoints = createEndpoints(spec);
 * const stores = connectEndpointStores(spec, endpoints, (move) => moves.push(move));
 * // ... run ...
 * await stores.close();
 * ```
 */
export function connectEndpointStores(spec: EndpointsFile, endpoints: readonly Endpoint[], onMove?: MoveRecorder): EndpointStores {
  const stores = new Map<string, Store>();
  const byEndpoint = new Map<string, string>();
  const close = async () => { await Promise.allSettled([...stores.values()].map((s) => s.close())); };
  try {
    for (const entry of spec.entries) {
      if (entry.store === undefined) continue;
      const endpoint = endpoints.find((e) => e.name === entry.common.name);
      if (!endpoint) continue;
      const field = `endpoints.${entry.common.name}.store`;
      const at = [spec.file, entry.storeAt?.line, entry.storeAt?.column, field] as const;
      if (!acceptsDataStore(endpoint)) throw new ConfigError(...at, `is "${entry.store}", but a ${endpoint.kind} endpoint cannot pass data through a store (store: is for globus-compute endpoints)`);
      const config = spec.stores?.[entry.store];
      if (!config) throw new ConfigError(...at, `names store "${entry.store}", which stores: does not define`);
      if (config.connector === 'memory') throw new ConfigError(...at, `names store "${entry.store}", a memory store, which lives in this process: a remote endpoint needs connector file (a shared path) or redis`);
      let store = stores.get(entry.store);
      if (!store) {
        store = openStore(config, { name: entry.store, site: endpoint.describe().transferGroup, baseDir: dirname(spec.file), where: `${spec.file} stores.${entry.store}` });
        stores.set(entry.store, store);
      }
      endpoint.useDataStore(taskDataStoreOf(store, config, stores, onMove));
      byEndpoint.set(endpoint.name, store.name);
    }
  } catch (error) {
    void close();
    throw error;
  }
  return { stores, byEndpoint, close };
}

/**
 * The endpoint's view of a store: how its task side reaches it, and
 * references to other stores copied in. Every put, read back and copy is
 * timed (the transfer alone) and told to the attempt's listener and to
 * `onMove`.
 *
 * @example
 * ```ts
 * hpc.useDataStore(taskDataStoreOf(scratch, { connector: 'file', path: '/scratch/corral' }, new Map([['scratch', scratch]])));
 * ```
 */
export function taskDataStoreOf(store: Store, config: StoreConfig, all: ReadonlyMap<string, Store>, onMove?: MoveRecorder): TaskDataStore {
  // Each timed move goes to the attempt that made it and to the store's own recorder.
  const tell = (moved: MoveRecorder | undefined, move: DataMove) => { moved?.(move); onMove?.(move); };
  return {
    name: store.name,
    reach: reachOf(store, config),
    put: async (value, producer, moved) => {
      const { result: ref, bytes, seconds } = await putMeasured(store, value, { producer });
      tell(moved, { from: CLIENT_SITE, to: ref.site, bytes, seconds });
      return ref;
    },
    get: async (ref, moved) => {
      const { result, bytes, seconds } = await getMeasured(store, ref);
      tell(moved, { from: ref.site, to: CLIENT_SITE, bytes, seconds });
      return result;
    },
    release: async (ref) => { await store.delete(ref); },
    adopt: async (arg, moved) => {
      if (!isDataRefJson(arg)) return undefined;
      const ref = parseDataRef(arg, `argument for store "${store.name}"`);
      if (ref.store === store.name) return ref;
      const from = all.get(ref.store);
      if (!from) throw new DataRefError(`argument for store "${store.name}"`, 'store', ref.store, `names a store this session has not opened (opened: ${[...all.keys()].join(', ')})`);
      return copyBetweenStores(ref, from, store, (m) => tell(moved, m));
    },
    lost: (ref, where, reason) => new LostDataError(ref as DataRef, where, reason),
  };
}

/** What the task side needs to reach `store`: a shared path, or a Redis address (a password only by the name of its variable). */
function reachOf(store: Store, config: StoreConfig): Record<string, unknown> {
  const site = store.describe().site;
  if (store instanceof FileStore) return { connector: 'file', path: store.root, site };
  if (store instanceof RedisStore && config.connector === 'redis') {
    const { url, host, port, db, socket, passwordEnv } = config;
    return { connector: 'redis', url, host, port, db, socket, passwordEnv, keyPrefix: store.keyPrefix, chunkBytes: store.chunkBytes, site };
  }
  throw new StoreConfigError(`store "${store.name}"`, 'connector', config.connector, 'cannot be reached from a remote endpoint: use connector file or redis');
}
