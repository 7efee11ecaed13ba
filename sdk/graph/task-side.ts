// The graph's surface for code that runs inside a worker: what finds and runs a task in a bundle and reports
// its outcome, nothing that parses manifests or decorator options. A worker thread or process loads this
// instead of index.ts, whose manifest and option schemas (zod, the decorators, reflect-metadata) cost each
// worker several MB; a worker that must read a module decorated by corral itself imports index.ts then.
export { resolveLightTask } from './entry/light/light-resolve.js';
export { TaskNotFoundError } from './entry/task-not-found-error.js';
export { thrownText } from './entry/thrown-text.js';
export { findUncloneable, type Uncloneable } from './wire/uncloneable.js';
export type { TaskLocator } from './entry/task-locator.js';
