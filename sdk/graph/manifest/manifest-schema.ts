import { z } from 'zod';

/**
 * Format tag every corral manifest carries; anything else is a foreign file.
 *
 * @example
 * ```ts
 * if (json.format !== MANIFEST_FORMAT) console.error('not a corral manifest');
 * ```
 */
export const MANIFEST_FORMAT = 'corral-manifest';
/**
 * Version of the manifest layout this corral reads and writes.
 *
 * @example
 * ```ts
 * const stale = manifest.version !== MANIFEST_VERSION;
 * ```
 */
export const MANIFEST_VERSION = 1;

/** Where a task is declared: file, line and column. */
export const manifestSiteSchema = z.object({ file: z.string(), line: z.number().int().min(1), column: z.number().int().min(1) });

const json: z.ZodType<unknown> = z.lazy(() => z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(json), z.record(z.string(), json)]));

const dynamicOption = z.object({
  key: z.string(),
  /** Why the value is only known at run time. */
  reason: z.enum(['function', 'expression', 'spread']),
  /** Source text of the value. */
  text: z.string(),
});

/** A task's options as the manifest records them (literal values, or marked dynamic). */
export const manifestOptionsSchema = z.object({
  /** Values known at build time, validated with the decorator's option table. */
  static: z.record(z.string(), json),
  dynamic: z.array(dynamicOption),
});

const bundle = z.object({
  /** Bundle file, relative to the manifest's root. */
  path: z.string(),
  hash: z.string(),
  bytes: z.number().int().min(0),
});

const task = z.object({
  id: z.string(),
  kind: z.enum(['method', 'static', 'function']),
  className: z.string().optional(),
  member: z.string(),
  site: manifestSiteSchema,
  params: z.array(z.object({ name: z.string(), type: z.string() })),
  returns: z.string(),
  remote: manifestOptionsSchema.optional(),
  budget: manifestOptionsSchema.optional(),
  federated: manifestOptionsSchema.optional(),
  bundle: bundle.optional(),
});

const workflow = z.object({
  id: z.string(),
  /** The task id when the orchestrating method is itself a task. */
  task: z.string().optional(),
  site: manifestSiteSchema,
  budget: manifestOptionsSchema.optional(),
  /** Every task reachable from this method through call edges. */
  tasks: z.array(z.string()),
});

const callEdge = z.object({
  kind: z.literal('call'),
  from: z.string(),
  to: z.string(),
  /** How the callee was reached: `this.m()`, a local function, an instance or class of another class, an import. */
  via: z.enum(['this', 'direct', 'instance', 'static', 'import']),
  multiplicity: z.union([z.literal(1), z.literal('dynamic')]),
  /** The expression that sizes a fan-out (e.g. `imgs.length`). */
  sizedBy: z.string().optional(),
  site: manifestSiteSchema,
});

const dataEdge = z.object({
  kind: z.literal('data'),
  from: z.string(),
  to: z.string(),
  /** How the future travelled from producer to consumer. */
  flow: z.enum(['direct', 'variable', 'promise-all', 'map', 'loop']),
  /** The orchestrating method in which the flow happens. */
  within: z.string(),
  multiplicity: z.union([z.literal(1), z.literal('dynamic')]),
  sizedBy: z.string().optional(),
  site: manifestSiteSchema,
});

/**
 * The manifest `corral build` writes: tasks with their options, call and data
 * edges, fan-outs, budgets, source hashes, bundles. Paths are relative to `root`.
 *
 * @example
 * ```ts
 * const manifest = manifestSchema.parse(JSON.parse(text));
 * for (const t of manifest.tasks) console.log(t.id, t.bundle?.path);
 * ```
 */
export const manifestSchema = z.object({
  format: z.literal(MANIFEST_FORMAT),
  version: z.literal(MANIFEST_VERSION),
  /** Absolute project root every relative path starts from. */
  root: z.string(),
  /** Hash of everything the build read; a different hash means the manifest is stale. */
  inputsHash: z.string(),
  sources: z.array(z.object({ file: z.string(), hash: z.string() })),
  tasks: z.array(task),
  workflows: z.array(workflow),
  edges: z.array(z.discriminatedUnion('kind', [callEdge, dataEdge])),
  bundles: z.array(bundle.extend({ module: z.string(), warnings: z.array(z.string()) })),
});

/**
 * A loaded, validated corral manifest; the types below name its parts.
 *
 * @example
 * ```ts
 * const manifest: Manifest = await loadManifest('.corral/build/manifest.json');
 * const task: ManifestTask = manifest.tasks[0]!;
 * ```
 */
export type Manifest = z.infer<typeof manifestSchema>;
/** One task of a manifest. */
export type ManifestTask = Manifest['tasks'][number];
/** One orchestrating method (workflow root) of a manifest. */
export type ManifestWorkflow = Manifest['workflows'][number];
/** A call or data edge of a manifest. */
export type ManifestEdge = Manifest['edges'][number];
/** Options of one decorator: static values and the keys known only at run time. */
export type ManifestOptions = z.infer<typeof manifestOptionsSchema>;
/** A file position (relative file, 1-based line and column). */
export type ManifestSite = z.infer<typeof manifestSiteSchema>;
/** A bundle of one task module. */
export type ManifestBundle = Manifest['bundles'][number];
