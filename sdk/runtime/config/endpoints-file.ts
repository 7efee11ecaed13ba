import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { endpointKind, endpointKindNames, type CommonEndpointConfig, type Endpoint } from '../../endpoints/index.js';
import { checkStoreConfig, type StoreConfig } from '../../data/index.js';
import { ConfigError } from './config-error.js';
import { endpointDataSchema, resolveDataPath } from './endpoint-data.js';
import { listFormToMapping } from './list-form.js';
import { YamlSource } from './yaml-source.js';

/** The common fields of an endpoint entry; the kind's own schema checks the rest. */
const commonSchema = z.object({
  kind: z.string({ error: 'must be an endpoint kind (a string)' }),
  workers: z.number({ error: 'must be an integer >= 1' }).int({ error: 'must be an integer >= 1' }).min(1, { error: 'must be an integer >= 1' }).optional(),
  transferGroup: z.string({ error: 'must be a string' }).min(1, { error: 'must not be empty' }).optional(),
  cost: z.record(z.string(), z.unknown(), { error: 'must be a mapping (the cost model of this endpoint)' }).optional(),
  labels: z.record(z.string(), z.string({ error: 'must be a string' }), { error: 'must be a mapping of strings' }).optional(),
});

const nonNegative = (what: string) => z.number({ error: `must be a number of ${what} >= 0` }).min(0, { error: `must be a number of ${what} >= 0` });
const positive = (what: string) => z.number({ error: `must be a number of ${what} > 0` }).positive({ error: `must be a number of ${what} > 0` });
const egress = nonNegative('US dollars per GB');
const link = z.strictObject({ latencyS: nonNegative('seconds'), bytesPerS: positive('bytes per second'), usdPerGB: egress.optional() });

const fileSchema = z.strictObject({
  policy: z.string({ error: 'must be the name of a placement policy' }).optional(),
  /** Links between transfer groups: what moving data between endpoints costs in time. */
  transfer: z.strictObject({
    /** `delta`: priors from DELTA's measured transfers (its groups' links, its median link for the rest). */
    seed: z.enum(['delta'], { error: 'must be "delta" (the only measured seed corral ships)' }).optional(),
    default: link.optional(),
    links: z.array(link.extend({ from: z.string({ error: 'must be a transfer group name' }), to: z.string({ error: 'must be a transfer group name' }) }), { error: 'must be a list of { from, to, latencyS, bytesPerS, usdPerGB? }' }).optional(),
  }, { error: 'must be a mapping with seed, default and/or links' }).optional(),
  /** The calibration score of speed 1: endpoints given `calibration:` get speed = calibration / referenceCalibration. */
  referenceCalibration: positive('calibration iterations/s').optional(),
  /** Stores that endpoints name with `store:` (connector file or redis): where large data goes by reference. */
  stores: z.record(z.string().regex(/^[A-Za-z_][\w.-]*$/, { error: 'must be a name of letters, digits, _ . -' }), z.unknown(), { error: 'must be a mapping of store names to store blocks ({ connector: file, path } or { connector: redis, url })' }).optional(),
  endpoints: z.record(z.string().regex(/^[A-Za-z_][\w.-]*$/, { error: 'must be a name of letters, digits, _ . -' }), z.unknown(), { error: 'must be a mapping of endpoint names to endpoint entries' })
    .refine((e) => Object.keys(e).length > 0, { error: 'must name at least one endpoint' }),
});

const TOP_FIELDS = 'policy, transfer, referenceCalibration, stores, endpoints';

/** One endpoint of endpoints.yaml, validated. */
export interface EndpointsFileEntry {
  readonly common: CommonEndpointConfig;
  /** The kind's own fields, checked by its schema. */
  readonly options: unknown;
  /** A federated client's data spec, relative `path` resolved from the file's folder. */
  readonly data?: Readonly<Record<string, unknown>>;
  /** Where the entry's `cost:` block is written (for errors found when it is priced). */
  readonly costAt?: { readonly line: number; readonly column: number };
  /** The name of the store (top-level `stores:`) the endpoint passes large data through. */
  readonly store?: string;
  /** Where the entry's `store:` field is written, for errors found when the store is connected. */
  readonly storeAt?: { readonly line: number; readonly column: number };
  /** `cost.egressUsdPerGB`: dollars per GB of data leaving this endpoint's transfer group. */
  readonly egressUsdPerGB?: number;
}

/** What endpoints.yaml holds, validated. */
export interface EndpointsFile {
  readonly file: string;
  readonly policy?: string;
  /** Where `policy:` is written (to name the line when the policy turns out unknown). */
  readonly policyAt?: { readonly line: number; readonly column: number };
  readonly transfer?: z.output<typeof fileSchema>['transfer'];
  /** The top-level `stores:` blocks, validated, by name. */
  readonly stores?: Readonly<Record<string, StoreConfig>>;
  readonly entries: readonly EndpointsFileEntry[];
  /** Notices for the user (e.g. a deprecated form); loadEndpointsFile prints them as warnings. */
  readonly deprecations: readonly string[];
}

/** Validates a cost block; set by sdk/pricing when it provides a schema. */
export type CostValidator = (cost: Record<string, unknown>) => { ok: true } | { ok: false; path: string[]; message: string };

/**
 * Reads and validates endpoints.yaml: a mapping of endpoint names, each with
 * a `kind` (local, dask, globus-compute, simulated...). The same file serves
 * `Corral.open`, `corral run`, `corral plan` and `corral simulate`. Errors
 * name the file, line, column and field; the simulator's old list form is
 * read with a deprecation warning.
 *
 * @example
 * ```ts
 * const spec = loadEndpointsFile('endpoints.yaml');
 * const endpoints = createEndpoints(spec);
 * ```
 */
export function loadEndpointsFile(file: string, validateCost?: CostValidator): EndpointsFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(file, undefined, undefined, '', `cannot be read: ${(error as Error).message}`);
  }
  const spec = parseEndpointsYaml(text, file, validateCost);
  for (const notice of spec.deprecations) process.emitWarning(notice, { type: 'DeprecationWarning', code: 'CORRAL_ENDPOINTS_LIST' });
  return spec;
}

/** Same as {@link loadEndpointsFile}, from text (deprecations are returned, not printed). */
export function parseEndpointsYaml(text: string, file = 'endpoints.yaml', validateCost?: CostValidator): EndpointsFile {
  const source = YamlSource.parse(text, file);
  const deprecation = listFormToMapping(source);
  const raw = source.toJS();
  const top = fileSchema.safeParse(raw ?? {});
  if (!top.success) {
    const issue = top.error.issues[0]!;
    if (issue.code === 'unrecognized_keys') throw source.error([issue.keys[0]!], issue.keys[0]!, `is not a known top-level field (allowed: ${TOP_FIELDS})`);
    const path = issue.path.map(String);
    throw source.error(path, path.join('.') || '(file)', `${issue.message}${path.length ? source.got(path) : ''}`);
  }
  const stores = checkStores(source, top.data.stores);
  const entries: EndpointsFileEntry[] = [];
  for (const [name, entry] of Object.entries(top.data.endpoints)) {
    entries.push(checkEntry(source, name, entry, top.data.referenceCalibration, validateCost, stores));
  }
  const policyNode = source.doc.get('policy', true) as { range?: [number, number, number] } | undefined;
  const policyAt = policyNode?.range ? source.position(policyNode.range[0]) : undefined;
  return {
    file, policy: top.data.policy, ...(policyAt ? { policyAt } : {}), ...(top.data.transfer ? { transfer: top.data.transfer } : {}), ...(stores ? { stores } : {}),
    entries, deprecations: deprecation ? [deprecation] : [],
  };
}

function checkStores(source: YamlSource, raw: Record<string, unknown> | undefined): Record<string, StoreConfig> | undefined {
  if (!raw) return undefined;
  const stores: Record<string, StoreConfig> = {};
  for (const [name, block] of Object.entries(raw)) {
    const checked = checkStoreConfig(block);
    if (!checked.ok) {
      const path = ['stores', name, ...checked.path];
      throw source.error(path, path.join('.'), checked.message);
    }
    if (checked.config.name !== undefined && checked.config.name !== name) {
      throw source.error(['stores', name, 'name'], `stores.${name}.name`, `is "${checked.config.name}", must be "${name}" (the store's key) or left out`);
    }
    stores[name] = checked.config;
  }
  return stores;
}

function checkEntry(source: YamlSource, name: string, entry: unknown, referenceCalibration: number | undefined, validateCost?: CostValidator, stores?: Record<string, StoreConfig>): EndpointsFileEntry {
  const base = ['endpoints', name];
  const fail = (path: string[], detail: string) => source.error(path, path.join('.'), detail);
  if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) throw fail(base, 'must be a mapping with at least `kind`');
  const common = commonSchema.safeParse(entry);
  if (!common.success) {
    const path = [...base, ...common.error.issues[0]!.path.map(String)];
    throw fail(path, `${common.error.issues[0]!.message}${source.got(path)}`);
  }
  const kind = endpointKind(common.data.kind);
  if (!kind) throw fail([...base, 'kind'], `"${common.data.kind}" is not a known endpoint kind (known: ${endpointKindNames().join(', ')})`);
  const egressUsdPerGB = takeEgress(source, base, common.data);
  const shorthand = common.data.cost && !('model' in common.data.cost) ? kind.costShorthand : undefined;
  if (common.data.cost && shorthand) {
    const checked = shorthand.safeParse(common.data.cost);
    if (!checked.success) {
      const issue = checked.error.issues[0]!;
      const path = [...base, 'cost', ...issue.path.map(String), ...(issue.code === 'unrecognized_keys' ? [issue.keys[0]!] : [])];
      throw fail(path, issue.code === 'unrecognized_keys' ? `is not a field of a ${common.data.kind} cost (give usdPerHour and watts, or a pricing block with model:)` : `${issue.message}${source.got(path)}`);
    }
  } else if (common.data.cost && validateCost) {
    const checked = validateCost(common.data.cost);
    if (!checked.ok) {
      const path = [...base, 'cost', ...checked.path];
      throw fail(path, `${checked.message}${source.got(path)}`);
    }
  }
  const { kind: _k, workers: _w, transferGroup: _t, cost: _c, labels: _l, data: rawData, store, ...own } = entry as Record<string, unknown>;
  if (store !== undefined) {
    const known = Object.keys(stores ?? {});
    if (typeof store !== 'string' || !known.includes(store)) {
      throw fail([...base, 'store'], `${source.got([...base, 'store']).trim() || 'is empty'}: must name a store of the top-level \`stores:\` (${known.length ? `known: ${known.join(', ')}` : 'none is defined'})`);
    }
  }
  let data: Record<string, unknown> | undefined;
  if (rawData !== undefined) {
    const checked = endpointDataSchema.safeParse(rawData);
    if (!checked.success) {
      // A misspelt field explains the "missing" one zod also reports, so name it first.
      const typo = checked.error.issues.find((i) => i.code === 'unrecognized_keys');
      if (typo?.code === 'unrecognized_keys') throw fail([...base, 'data', ...typo.path.map(String), typo.keys[0]!], 'is not a field of this partition kind');
      const path = [...base, 'data', ...checked.error.issues[0]!.path.map(String)];
      throw fail(path, `${checked.error.issues[0]!.message}${source.got(path)}`);
    }
    data = resolveDataPath(checked.data, dirname(source.file));
  }
  const options = kind.schema.safeParse(own);
  if (!options.success) {
    const issue = options.error.issues[0]!;
    if (issue.code === 'unrecognized_keys') throw fail([...base, issue.keys[0]!], `is not a field of ${common.data.kind} endpoints`);
    const path = [...base, ...issue.path.map(String)];
    throw fail(path, `${issue.message}${source.got(path)}`);
  }
  const costAt = common.data.cost ? source.positionOf([...base, 'cost']) : undefined;
  const storeAt = store === undefined ? {} : { store: store as string, storeAt: source.positionOf([...base, 'store']) };
  return {
    common: { name, ...common.data }, options: withCalibratedSpeed(source, base, options.data, referenceCalibration),
    ...(data ? { data } : {}), ...(costAt ? { costAt } : {}), ...(egressUsdPerGB !== undefined ? { egressUsdPerGB } : {}), ...storeAt,
  };
}

/**
 * Reads `cost.egressUsdPerGB` (the transfer model prices moves with it). A
 * pricing model block keeps the field (its cost model bills egress bytes
 * too); the simulated kind's `{ usdPerHour, watts }` shorthand drops it.
 */
function takeEgress(source: YamlSource, base: string[], common: { cost?: Record<string, unknown> | undefined }): number | undefined {
  if (!common.cost || !('egressUsdPerGB' in common.cost)) return undefined;
  const { egressUsdPerGB: value, ...rest } = common.cost;
  const path = [...base, 'cost', 'egressUsdPerGB'];
  if (typeof value !== 'number' || !(value >= 0) || !Number.isFinite(value)) throw source.error(path, path.join('.'), `must be a number of US dollars per GB >= 0${source.got(path)}`);
  if (!('model' in common.cost)) {
    if (Object.keys(rest).length > 0) common.cost = rest;
    else delete common.cost;
  }
  return value;
}

/** A `calibration:` score turned into `speed` (relative to `referenceCalibration`), for kinds that take both. */
function withCalibratedSpeed(source: YamlSource, base: string[], options: unknown, referenceCalibration: number | undefined): unknown {
  const o = options as { calibration?: number; speed?: number } | null;
  if (!o || typeof o !== 'object' || o.calibration === undefined) return options;
  if (referenceCalibration === undefined) throw source.error([...base, 'calibration'], [...base, 'calibration'].join('.'), 'needs referenceCalibration at the top level (the score of speed 1)');
  return o.speed === undefined ? { ...o, speed: o.calibration / referenceCalibration } : o;
}

/** Creates the endpoints an endpoints file describes. */
export function createEndpoints(spec: EndpointsFile): Endpoint[] {
  const made: Endpoint[] = [];
  try {
    for (const { common, options } of spec.entries) made.push(endpointKind(common.kind)!.create(common, options));
  } catch (error) {
    // The ones already made would keep worker threads, processes or a bridge alive.
    for (const e of made) void e.close().catch(() => undefined);
    throw error;
  }
  return made;
}
