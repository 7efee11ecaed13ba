import { resolve } from 'node:path';
import { StoreConfigError } from './data-errors.js';
import { FileStore } from './file-store.js';
import { MemoryStore } from './memory-store.js';
import { RedisStore } from './redis-store.js';
import type { Store } from './store.js';
import type { StoreConfig } from './store-config.js';

/** Context a `store:` block is opened in. */
export interface OpenStoreContext {
  /** Name when the block gives none (e.g. the endpoint's name). */
  readonly name: string;
  /** Site when the block gives none (e.g. the endpoint's transfer group). */
  readonly site: string;
  /** Folder relative paths are resolved from (endpoints.yaml's folder). */
  readonly baseDir: string;
  /** Where the block was read, for errors (e.g. `endpoints.yaml endpoints.hpc.store`). */
  readonly where?: string;
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * Creates the store a validated `store:` block describes.
 *
 * @example
 * ```ts
 * const store = openStore(parseStoreConfig(raw), { name: 'hpc', site: 'hpc', baseDir: dirname(file) });
 * ```
 */
export function openStore(config: StoreConfig, context: OpenStoreContext): Store {
  const name = config.name ?? context.name;
  const site = config.site ?? context.site;
  switch (config.connector) {
    case 'file':
      return new FileStore({ name, site, path: resolve(context.baseDir, config.path) });
    case 'memory':
      return new MemoryStore({
        name, site,
        ...(config.limitMiB === undefined ? {} : { limitBytes: Math.round(config.limitMiB * 2 ** 20) }),
        ...(config.spillPath === undefined ? {} : { spill: resolve(context.baseDir, config.spillPath) }),
      });
    case 'redis': {
      let password: string | undefined;
      if (config.passwordEnv) {
        password = (context.env ?? process.env)[config.passwordEnv];
        if (password === undefined) throw new StoreConfigError(context.where ?? 'store', 'passwordEnv', config.passwordEnv, 'names an environment variable that is not set');
      }
      return new RedisStore({
        name, site, url: config.url, host: config.host, port: config.port, db: config.db, socket: config.socket, password,
        keyPrefix: config.keyPrefix, timeoutS: config.timeoutS, connectTimeoutS: config.connectTimeoutS,
        ...(config.chunkMiB === undefined ? {} : { chunkBytes: Math.round(config.chunkMiB * 2 ** 20) }),
      });
    }
  }
}
