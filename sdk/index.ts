// The public API of corral: everything a user imports from 'corral'.
export * from './errors/index.js';
export * from './decorators/index.js';
export * from './graph/index.js';
export * from './endpoints/index.js';
export * from './profiling/index.js';
export * from './pricing/index.js';
export * from './placement/index.js';
export * from './runtime/index.js';
export * from './bridge/index.js';
export * from './report/index.js';
export * from './federated/index.js';
