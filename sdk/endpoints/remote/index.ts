export { RemoteTaskError } from './remote-task-error.js';
export { RemoteEndpointCore, DEFAULT_MAX_PAYLOAD_BYTES, type RemoteEndpointCoreOptions } from './remote-endpoint-core.js';
export { remoteEndpointFields, remoteEndpointOptions, type RemoteEndpointOptions } from './remote-endpoint-options.js';
export { BridgeEndpoint, type BridgeEndpointSetup } from './bridge-endpoint.js';
export { acceptsDataStore, type TaskDataStore, type TaskDataRef, type DataStoreUser, type MoveListener } from './task-data-store.js';
export { dataRequest, isStoredResponse, type DataRequest, type StoredResponse } from './data-request.js';
