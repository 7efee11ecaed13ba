export {
  definitionOfTarget, definitionOfMethod, definitionOfFunction, definitionsOfClass, budgetOfMethod,
  TaskMetadataError, type TaskDefinition,
} from './task-definition.js';
export { TaskGraph, CycleError } from './task-graph.js';
export { BUNDLE_ENTRY_SOURCE, type TaskLocator } from './entry/task-locator.js';
export { resolveTask, TaskNotFoundError, type ResolvedTask } from './entry/resolve-task.js';
export {
  runEntryRequest, entryMain, parseEntryResponse, ENTRY_PROTOCOL_VERSION, RESPONSE_MARKER,
  type EntryRequest, type EntryResponse, type EntryTimings, type ModuleLoader,
} from './entry/entry-protocol.js';
export { thrownText } from './entry/thrown-text.js';
export { encodeWire, decodeWire, setOwn } from './wire/json-codec.js';
export { findUncloneable, type Uncloneable } from './wire/uncloneable.js';
export {
  manifestSchema, manifestSiteSchema, manifestOptionsSchema, MANIFEST_FORMAT, MANIFEST_VERSION, ManifestError, parseManifest, loadManifest, locatorOf,
  type Manifest, type ManifestTask, type ManifestWorkflow, type ManifestEdge, type ManifestOptions, type ManifestSite, type ManifestBundle,
} from './manifest/index.js';
