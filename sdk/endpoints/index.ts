export type {
  Endpoint, EndpointDescription, EndpointStatus, HardwareDescription, TaskSpec, TaskHandle, TaskResult, AttemptTimings,
} from './endpoint.js';
export { mapResult } from './map-result.js';
export {
  HELD_MARK, HeldDataLostError, isHeldArgument, heldArgumentIds, type HeldArgument, type HeldResult, type EndpointData,
} from './held-data.js';
export { AttemptError, attemptErrorFrom, attemptFailureOf, ATTEMPT_FAILURES, type AttemptFailure } from './attempt-error.js';
export type { TaskLocator } from '../graph/index.js';
export { registerEndpointKind, endpointKind, endpointKindNames, type EndpointKind, type CommonEndpointConfig } from './registry.js';
export {
  RemoteTaskError, RemoteEndpointCore, DEFAULT_MAX_PAYLOAD_BYTES, remoteEndpointFields, remoteEndpointOptions, BridgeEndpoint,
  type RemoteEndpointCoreOptions, type RemoteEndpointOptions, type BridgeEndpointSetup,
  acceptsDataStore, type TaskDataStore, type TaskDataRef, type DataStoreUser, type MoveListener,
} from './remote/index.js';
export { LocalEndpoint, LocalEndpointOptionError, type LocalEndpointOptions, importModule, registerTsx } from './local/index.js';
export { DaskEndpoint, type DaskEndpointOptions, registerDaskKind, daskEndpointSchema } from './dask/index.js';
export {
  GlobusComputeEndpoint, GLOBUS_COMPUTE_MAX_PAYLOAD_BYTES, GLOBUS_COMPUTE_MAX_RESULT_BYTES, type GlobusComputeEndpointOptions,
  registerGlobusComputeKind, globusComputeEndpointSchema, FunctionRegistry,
} from './globus-compute/index.js';
export * from './simulated/index.js';
