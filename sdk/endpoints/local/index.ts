export { LocalEndpoint, type LocalEndpointOptions } from './local-endpoint.js';
export { registerLocalKind } from './local-kind.js';
export { importModule, registerTsx } from './typescript-loader.js';
