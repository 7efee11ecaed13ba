import { z } from 'zod';
import { StoreConfigError, show } from './data-errors.js';

const name = z.string({ error: 'must be a store name (a string)' }).regex(/^[A-Za-z_][\w.-]*$/, { error: 'must be a name of letters, digits, _ . - (starting with a letter or _)' });
const site = z.string({ error: 'must be a site (transfer group) name' }).min(1, { error: 'must not be empty' });
const positive = (what: string) => z.number({ error: `must be a number of ${what} > 0` }).positive({ error: `must be a number of ${what} > 0` });

/** `connector: file`: a folder, local or shared by a site's machines (relative paths from endpoints.yaml's folder). */
export const fileStoreConfigSchema = z.strictObject({
  connector: z.literal('file'),
  name: name.optional(),
  site: site.optional(),
  path: z.string({ error: 'must be a folder path (a string)' }).min(1, { error: 'must be a folder path, not empty' }),
});

/** `connector: redis`: a Redis server, by `url` or by `host`/`port`/`db` or `socket`. */
export const redisStoreConfigSchema = z.strictObject({
  connector: z.literal('redis'),
  name: name.optional(),
  site: site.optional(),
  url: z.string({ error: 'must be a redis:// or rediss:// URL' }).regex(/^rediss?:\/\/[^\s]+$/, { error: 'must be a redis:// or rediss:// URL, e.g. redis://10.0.0.5:6379/0' }).optional(),
  host: z.string({ error: 'must be a host name or address' }).min(1, { error: 'must be a host name or address' }).optional(),
  port: z.number({ error: 'must be an integer 1..65535' }).int({ error: 'must be an integer 1..65535' }).min(1, { error: 'must be an integer 1..65535' }).max(65535, { error: 'must be an integer 1..65535' }).optional(),
  db: z.number({ error: 'must be an integer 0..15' }).int({ error: 'must be an integer 0..15' }).min(0, { error: 'must be an integer 0..15' }).max(15, { error: 'must be an integer 0..15' }).optional(),
  socket: z.string({ error: 'must be the path of a unix socket' }).min(1, { error: 'must be the path of a unix socket' }).optional(),
  passwordEnv: z.string({ error: 'must be the name of an environment variable' }).regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { error: 'must be the name of an environment variable (letters, digits, _)' }).optional(),
  keyPrefix: z.string({ error: 'must be a string' }).optional(),
  chunkMiB: positive('MiB').max(512, { error: 'must be at most 512 (Redis\'s largest string)' }).optional(),
  timeoutS: positive('seconds').optional(),
  connectTimeoutS: positive('seconds').optional(),
});

/** `connector: memory`: this process's memory up to `limitMiB`, spilling to files under `spillPath`. */
export const memoryStoreConfigSchema = z.strictObject({
  connector: z.literal('memory'),
  name: name.optional(),
  site: site.optional(),
  limitMiB: positive('MiB').optional(),
  spillPath: z.string({ error: 'must be a folder path (a string)' }).min(1, { error: 'must be a folder path, not empty' }).optional(),
});

const connectors = { file: fileStoreConfigSchema, redis: redisStoreConfigSchema, memory: memoryStoreConfigSchema } as const;

/**
 * A store block of endpoints.yaml (an entry of its top-level `stores:`): one
 * table per connector.
 *
 * @example
 * ```yaml
 * stores:
 *   campus: { connector: redis, url: redis://10.0.0.5:6379/0, site: campus }
 *   scratch: { connector: file, path: /scratch/me/corral, site: hpc }
 * ```
 */
export const storeConfigSchema = z.discriminatedUnion('connector', [fileStoreConfigSchema, redisStoreConfigSchema, memoryStoreConfigSchema]);

/** A validated `store:` block. */
export type StoreConfig = z.infer<typeof storeConfigSchema>;

/** What {@link checkStoreConfig} says: the config, or the first problem's field path, value and message. */
export type StoreConfigCheck =
  | { readonly ok: true; readonly config: StoreConfig }
  | { readonly ok: false; readonly path: string[]; readonly value: unknown; readonly message: string };

/**
 * Checks a `store:` block without throwing, for a loader that adds file and
 * line to the problem (endpoints.yaml).
 *
 * @example
 * ```ts
 * const c = checkStoreConfig(raw);
 * if (!c.ok) throw at(['store', ...c.path], c.message);
 * ```
 */
export function checkStoreConfig(raw: unknown): StoreConfigCheck {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return { ok: false, path: [], value: raw, message: `is ${show(raw)}, must be a mapping with connector: ${Object.keys(connectors).join(' | ')}` };
  const record = raw as Record<string, unknown>;
  const connector = record.connector;
  const schema = typeof connector === 'string' ? connectors[connector as keyof typeof connectors] : undefined;
  if (!schema) return { ok: false, path: ['connector'], value: connector, message: `is ${show(connector)}, must be one of: ${Object.keys(connectors).join(', ')}` };
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    // A misspelt field explains a "missing" one, so name it first.
    const typo = parsed.error.issues.find((i) => i.code === 'unrecognized_keys');
    if (typo?.code === 'unrecognized_keys') {
      const key = typo.keys[0]!;
      return { ok: false, path: [key], value: record[key], message: `is not a field of a ${connector} store (allowed: ${Object.keys(schema.shape).join(', ')})` };
    }
    const issue = parsed.error.issues[0]!;
    const path = issue.path.map(String);
    const value = record[path[0]!];
    return { ok: false, path, value, message: `is ${show(value)}, ${issue.message}` };
  }
  const config = parsed.data;
  if (config.connector === 'redis') {
    const ways = (['url', 'socket', 'host'] as const).filter((k) => config[k] !== undefined);
    if (ways.length > 1) return { ok: false, path: [ways[1]!], value: config[ways[1]!], message: `cannot be given with ${ways[0]}: give one of url, socket, host (with port, db)` };
    if (config.url && (config.port !== undefined || config.db !== undefined)) return { ok: false, path: ['url'], value: config.url, message: 'holds port and db already: drop port/db or give host instead of url' };
  }
  return { ok: true, config };
}

/**
 * Validates a `store:` block, throwing a {@link StoreConfigError} that names
 * `where`, the field, the bad value and what is allowed.
 *
 * @example
 * ```ts
 * parseStoreConfig({ connector: 'redis', port: 70000 }, 'endpoints.yaml store');
 * // StoreConfigError: endpoints.yaml store port: is 70000, must be an integer 1..65535
 * ```
 */
export function parseStoreConfig(raw: unknown, where = 'store'): StoreConfig {
  const checked = checkStoreConfig(raw);
  if (!checked.ok) throw new StoreConfigError(where, checked.path.join('.') || '(block)', checked.value, checked.message);
  return checked.config;
}
