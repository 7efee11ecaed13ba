export { SimulatedEndpoint, type SimulatedEndpointOptions } from './simulated-endpoint.js';
export { loadSimulatedEndpoints, parseSimulatedEndpoints } from './load-endpoints-file.js';
export { EndpointsFileError } from './endpoints-file-error.js';
export {
  simulatedOptionsSchema, simulatedCostSchema, simulatedEndpointEntrySchema, simulatedEndpointsFileSchema,
  type SimulatedEndpointsFile, type SimulatedEndpointEntry,
} from './simulated-config.js';
export { toSimEndpointModels, type SimulatedEndpointModel } from './to-sim-endpoints.js';
export { registerSimulatedEndpointKind } from './register.js';
