export { LocalEndpoint, type LocalEndpointOptions } from './local-endpoint.js';
export { registerLocalKind } from './local-kind.js';
export { LocalEndpointOptionError } from './local-options-check.js';
export { importModule, registerTsx } from './typescript-loader.js';
