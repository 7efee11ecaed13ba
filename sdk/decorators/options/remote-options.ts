import { z } from 'zod';
import { expandRetryOn, retryOnRule } from './retry-on.js';
import { rule } from './rules.js';

/**
 * The `@remote` option table. Every field is optional; defaults are applied by
 * {@link withRemoteDefaults}.
 *
 * @example
 * ```ts
 * class Images {
 *   @remote({ cpus: 1, retries: 2, timeoutS: 30, features: (img: Uint8Array) => ({ bytes: img.length }) })
 *   async thumbnail(img: Uint8Array, width: number) { return img; }
 * }
 * ```
 */
export const remoteOptionsSchema = z.strictObject({
  /** Stable task name; defaults to `Class.method` or the function's name. */
  name: z.string({ error: 'must be a string' }).regex(/^[A-Za-z_][\w.:-]*$/, { error: 'must start with a letter or _ and contain only letters, digits, _ . : -' }).optional(),
  /** CPU cores one call needs. */
  cpus: rule.positive('cores per call').optional(),
  /** Memory one call needs, in GiB. */
  memoryGiB: rule.positive('GiB per call').optional(),
  /** GPUs one call needs. */
  gpus: rule.intRange(0, 64).optional(),
  /** Extra attempts after the first one fails. */
  retries: rule.intRange(0, 100).optional(),
  /** Error names (`error.name`) worth a retry, with or without their `Error` ending; empty or absent means any error. */
  retryOn: retryOnRule.optional(),
  /** Seconds an attempt may run before it is cancelled and counted as failed. */
  timeoutS: rule.positive('seconds').optional(),
  /** Allow-list of endpoint names this task may run on. */
  endpoints: rule.names('endpoint names').min(1, { error: 'must name at least one endpoint' }).optional(),
  /** Maps the call's arguments to numeric features for profiling. */
  features: rule.fn('(...args) => Record<string, number>').optional(),
  /** Reuse a stored result for the same function and arguments. */
  cache: rule.flag().optional(),
  /**
   * Where the result stays: `auto` (default) keeps it where it was made when it is
   * larger than the session's `keepAboveBytes` (64 KB), `endpoint` always, `client`
   * never (it comes back to the orchestrating process at once).
   */
  keep: rule.oneOf(['auto', 'endpoint', 'client']).optional(),
});

/** Options accepted by `@remote` and `remote(options, fn)`. */
export type RemoteOptions = z.input<typeof remoteOptionsSchema>;

/** `@remote` options after validation, with defaults filled in. */
export interface ResolvedRemoteOptions {
  name?: string;
  cpus: number;
  memoryGiB?: number;
  gpus: number;
  retries: number;
  retryOn: string[];
  timeoutS?: number;
  endpoints?: string[];
  features?: (...args: any[]) => Record<string, number>;
  cache: boolean;
  keep: 'auto' | 'endpoint' | 'client';
}

/** Names of every `@remote` option, for messages. */
export const remoteOptionNames = Object.keys(remoteOptionsSchema.shape);

/** Fills the defaults of validated `@remote` options. */
export function withRemoteDefaults(options: z.output<typeof remoteOptionsSchema>): ResolvedRemoteOptions {
  return {
    ...options,
    cpus: options.cpus ?? 1,
    gpus: options.gpus ?? 0,
    retries: options.retries ?? 0,
    retryOn: expandRetryOn(options.retryOn ?? []),
    cache: options.cache ?? false,
    keep: options.keep ?? 'auto',
  };
}
