export { SimulatedEndpoint, type SimulatedEndpointOptions } from './simulated-endpoint.js';
export { simulatedOptionsSchema, simulatedCostSchema } from './simulated-config.js';
export { registerSimulatedEndpointKind } from './register.js';
