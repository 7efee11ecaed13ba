import { z } from 'zod';
import type { Endpoint } from '../endpoints/index.js';
import type { Manifest } from '../graph/index.js';
import type { PlacementPolicy } from '../placement/index.js';
import type { CostModel } from '../pricing/index.js';
import type { Predictor } from '../profiling/index.js';
import type { OverheadOptions } from './call-overheads.js';
import { ConfigError } from './config/config-error.js';
import { journalPath } from './journal/index.js';
import type { ReplacementOptions } from './re-placement.js';
import type { AttemptRecord } from './workflow-run.js';

/**
 * How to open a corral session.
 *
 * @example
 * ```ts
 * const corral = await Corral.open({ endpoints: 'endpoints.yaml', policy: 'delta', journal: '.corral/corral.db' });
 * ```
 */
export interface CorralOptions {
  /** Path of endpoints.yaml, or endpoint instances. Default: ./endpoints.yaml if present, else one local endpoint sized to the machine. */
  readonly endpoints?: string | readonly Endpoint[];
  /** Placement policy name (registered) or object. Default: the file's `policy`, else `least-loaded`. */
  readonly policy?: string | PlacementPolicy;
  /** Journal file; `false` keeps it in memory. Default: $CORRAL_JOURNAL or .corral/corral.db. */
  readonly journal?: string | false;
  /** Run-time predictor. Default: corral's profile predictor over the profile store in the journal. */
  readonly predictor?: Predictor;
  /** Cost model per endpoint name, overriding the endpoints' `cost:` configuration. */
  readonly costModels?: Readonly<Record<string, CostModel>>;
  /** Base of the exponential retry backoff, in seconds (default 0.2). */
  readonly retryBackoffS?: number;
  /** Build manifest (path or loaded): tasks it lists run from their bundles. Default: $CORRAL_MANIFEST, set by `corral run`. */
  readonly manifest?: string | Manifest;
  /** Seconds between status checks of the endpoints (offline ones are not chosen; default 5). */
  readonly statusIntervalS?: number;
  /**
   * Run corral's calibration kernel on every endpoint not yet calibrated (about 0.3 s each, in
   * parallel; kept in the journal's profile store), so run times can be predicted on endpoints a
   * task has not run on yet. Default false.
   */
  readonly calibrate?: boolean;
  /** Cold-start measurements and transfer model for placement (cold starts are also learnt as the session runs). */
  readonly overheads?: OverheadOptions;
  /** When calls waiting on an endpoint are placed again (run times far from predictions, prices moving). */
  readonly replacement?: ReplacementOptions;
  /** Called after every finished attempt (profile stores, custom metrics). */
  readonly observers?: ReadonlyArray<(record: AttemptRecord) => void>;
  /**
   * Results at least this large stay where they were made and the runtime holds a
   * reference (default 65536 bytes; per task `@remote({ keep })`). See docs/data.md.
   */
  readonly keepAboveBytes?: number;
  /**
   * While the session is open, V8 grows this process's old generation at most this many percent past what
   * survived its last full collection (default 50; `false` leaves V8's own rule, which lets it reach about 4x the
   * live heap on a machine with much memory). Calls in flight are promoted before they die, so this bounds the
   * orchestrator's peak memory, for a few more concurrent marking cycles. See docs/concepts.md.
   */
  readonly heapGrowthPercent?: number | false;
}

/** The defaults of {@link CorralOptions}, in one place. */
export const CORRAL_DEFAULTS = {
  policy: 'least-loaded',
  retryBackoffS: 0.2,
  statusIntervalS: 5,
  calibrate: false,
  keepAboveBytes: 65_536,
  heapGrowthPercent: 50,
  endpointsFile: 'endpoints.yaml',
} as const;

/** {@link CorralOptions} checked, with every default filled in. */
export interface CompiledCorralOptions extends Omit<CorralOptions, 'journal' | 'retryBackoffS' | 'statusIntervalS' | 'calibrate' | 'observers' | 'manifest' | 'keepAboveBytes' | 'heapGrowthPercent'> {
  readonly keepAboveBytes: number;
  readonly heapGrowthPercent: number | false;
  /** Absolute journal path, or `:memory:`. */
  readonly journalFile: string;
  readonly retryBackoffS: number;
  readonly statusIntervalS: number;
  readonly calibrate: boolean;
  readonly observers: ReadonlyArray<(record: AttemptRecord) => void>;
  /** The manifest option, else $CORRAL_MANIFEST. */
  readonly manifest?: string | Manifest;
}

const has = (v: unknown, ...methods: string[]): boolean => v !== null && typeof v === 'object' && methods.every((m) => typeof (v as Record<string, unknown>)[m] === 'function');
const text = (v: unknown): boolean => typeof v === 'string' && v.length > 0;
// setInterval holds at most 2^31-1 ms; a longer interval would fire at once.
const MAX_INTERVAL_S = 2_147_483;

const schema = z.strictObject({
  endpoints: z.custom<string | readonly Endpoint[]>((v) => text(v) || (Array.isArray(v) && v.every((e) => has(e, 'describe', 'status', 'submit', 'close') && text((e as { name?: unknown }).name))), {
    error: 'must be the path of endpoints.yaml or a list of Endpoint objects (each with a name, describe, status, submit and close)',
  }).optional(),
  policy: z.custom<string | PlacementPolicy>((v) => text(v) || (has(v, 'place') && text((v as { name?: unknown }).name)), {
    error: 'must be the name of a registered placement policy or a PlacementPolicy object (with name and place)',
  }).optional(),
  journal: z.custom<string | false>((v) => text(v) || v === false, { error: 'must be a file path, or false to keep the journal in memory' }).optional(),
  predictor: z.custom<Predictor>((v) => has(v, 'predict'), { error: 'must be a Predictor (with predict and observe)' }).optional(),
  costModels: z.record(z.string(), z.custom<CostModel>((v) => has(v, 'estimate'), { error: 'must be a CostModel (with estimate)' }), { error: 'must map endpoint names to CostModels' }).optional(),
  retryBackoffS: z.number({ error: 'must be a number of seconds >= 0' }).min(0, { error: 'must be a number of seconds >= 0' }).optional(),
  manifest: z.custom<string | Manifest>((v) => text(v) || (v !== null && typeof v === 'object' && Array.isArray((v as { tasks?: unknown }).tasks)), {
    error: 'must be the path of a build manifest or a loaded Manifest (with tasks)',
  }).optional(),
  statusIntervalS: z.number({ error: `must be a number of seconds > 0 and <= ${MAX_INTERVAL_S}` }).positive({ error: `must be a number of seconds > 0 and <= ${MAX_INTERVAL_S}` }).max(MAX_INTERVAL_S, { error: `must be a number of seconds > 0 and <= ${MAX_INTERVAL_S}` }).optional(),
  calibrate: z.boolean({ error: 'must be true or false' }).optional(),
  overheads: z.custom<OverheadOptions>((v) => v !== null && typeof v === 'object' && !Array.isArray(v), { error: 'must be an object of overhead options (coldStarts, transfer, clientGroup)' }).optional(),
  replacement: z.custom<ReplacementOptions>((v) => v !== null && typeof v === 'object' && !Array.isArray(v), { error: 'must be an object of re-placement options' }).optional(),
  keepAboveBytes: z.number({ error: 'must be a whole number of bytes >= 0' }).int({ error: 'must be a whole number of bytes >= 0' }).min(0, { error: 'must be a whole number of bytes >= 0' }).optional(),
  heapGrowthPercent: z.custom<number | false>((v) => v === false || (Number.isInteger(v) && (v as number) >= 10 && (v as number) <= 1000), {
    error: 'must be a whole percentage from 10 to 1000, or false to leave V8 its own rule',
  }).optional(),
  observers: z.array(z.custom<(record: AttemptRecord) => void>((v) => typeof v === 'function', { error: 'must be a function' }), { error: 'must be a list of functions' }).optional(),
});

/**
 * Checks the options given to `Corral.open` and fills in every default. A
 * bad option is a ConfigError naming `options.<field>`, the value and what is
 * allowed; a misspelt option is refused rather than ignored.
 *
 * @example
 * ```ts
 * compileCorralOptions({ policy: 'delta', statusIntervalS: 0 }); // ConfigError: Corral.open: options.statusIntervalS must be ... (got 0)
 * ```
 */
export function compileCorralOptions(options: unknown = {}): CompiledCorralOptions {
  const checked = schema.safeParse(options ?? {});
  if (!checked.success) {
    const issue = checked.error.issues[0]!;
    if (issue.code === 'unrecognized_keys') {
      throw new ConfigError('Corral.open', undefined, undefined, `options.${issue.keys[0]}`, `is not an option of Corral.open (options: ${Object.keys(schema.shape).join(', ')})`);
    }
    if (issue.code === 'invalid_type' && issue.path.length === 0) throw new ConfigError('Corral.open', undefined, undefined, 'options', `must be an object${got(options)}`);
    const field = `options.${issue.path.map(String).join('.')}`;
    throw new ConfigError('Corral.open', undefined, undefined, field, `${issue.message}${got(valueAt(options, issue.path))}`);
  }
  const o = checked.data;
  return {
    ...o,
    journalFile: o.journal === false ? ':memory:' : journalPath(o.journal),
    retryBackoffS: o.retryBackoffS ?? CORRAL_DEFAULTS.retryBackoffS,
    statusIntervalS: o.statusIntervalS ?? CORRAL_DEFAULTS.statusIntervalS,
    calibrate: o.calibrate ?? CORRAL_DEFAULTS.calibrate,
    keepAboveBytes: o.keepAboveBytes ?? CORRAL_DEFAULTS.keepAboveBytes,
    heapGrowthPercent: o.heapGrowthPercent ?? CORRAL_DEFAULTS.heapGrowthPercent,
    observers: o.observers ?? [],
    ...((o.manifest ?? process.env.CORRAL_MANIFEST) ? { manifest: o.manifest ?? process.env.CORRAL_MANIFEST } : {}),
  };
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v = root;
  for (const p of path) v = v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[p] : undefined;
  return v;
}

function got(value: unknown): string {
  if (value === undefined) return ' (got undefined)';
  if (typeof value === 'function') return ' (got a function)';
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return ` (got ${String(value)})`;
  if (typeof value === 'string') return ` (got ${JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value)})`;
  if (Array.isArray(value)) return ` (got a list of ${value.length})`;
  return ` (got an object with ${Object.keys(value as object).slice(0, 5).join(', ') || 'no fields'})`;
}
