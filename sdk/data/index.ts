export {
  DataError, LostDataError, DamagedDataError, StoreUnavailableError, StoreConfigError, DataRefError, DataEncodingError, UntrackedDataError, UnsupportedStoreOperationError,
} from './data-errors.js';
export {
  dataRefJsonSchema, dataRefToJson, parseDataRef, isDataRefJson, digestOf, DATA_REF_MARK,
  type DataRef, type DataRefJson,
} from './data-ref.js';
export { encodeValue, decodeValue } from './value-codec.js';
export type { Store, StoreDescription, PutOptions } from './store.js';
export { EncodedStore, verifyObject } from './encoded-store.js';
export { FileStore, type FileStoreOptions } from './file-store.js';
export { MemoryStore, type MemoryStoreOptions, type MemoryStoreUsage } from './memory-store.js';
export { RedisStore, type RedisStoreOptions } from './redis-store.js';
export {
  storeConfigSchema, fileStoreConfigSchema, redisStoreConfigSchema, memoryStoreConfigSchema, checkStoreConfig, parseStoreConfig,
  type StoreConfig, type StoreConfigCheck,
} from './store-config.js';
export { openStore, type OpenStoreContext } from './open-store.js';
export { copyBetweenStores, type MoveRecorder } from './copy-between-stores.js';
export { CLIENT_SITE, throughClient, type DataMove } from '../database/index.js';
export { DataLifetimes, type EndRunSummary } from './data-lifetimes.js';
export { putMeasured, getMeasured, type Measured } from './measured-io.js';
export { startLocalRedis, REDIS_SERVER, type LocalRedis } from './local-redis.js';
