export { DaskEndpoint, type DaskEndpointOptions } from './dask-endpoint.js';
export { registerDaskKind, daskEndpointSchema } from './dask-kind.js';
