export {
  manifestSchema, manifestSiteSchema, manifestOptionsSchema, MANIFEST_FORMAT, MANIFEST_VERSION,
  type Manifest, type ManifestTask, type ManifestWorkflow, type ManifestEdge, type ManifestOptions, type ManifestSite, type ManifestBundle,
} from './manifest-schema.js';
export { ManifestError } from './manifest-error.js';
export { parseManifest, loadManifest } from './load-manifest.js';
export { locatorOf } from './manifest-locator.js';
