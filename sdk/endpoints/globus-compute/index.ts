export {
  GlobusComputeEndpoint, GLOBUS_COMPUTE_MAX_PAYLOAD_BYTES, GLOBUS_COMPUTE_MAX_RESULT_BYTES, type GlobusComputeEndpointOptions,
} from './globus-compute-endpoint.js';
export { registerGlobusComputeKind, globusComputeEndpointSchema } from './globus-compute-kind.js';
export { FunctionRegistry } from './function-registry.js';
