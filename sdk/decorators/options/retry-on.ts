import { z } from 'zod';
import { closest } from '../option-error.js';

/**
 * Error names a failed attempt can carry besides the task's own errors: those
 * corral's endpoints give (local workers, the bridge, Dask, Globus Compute) and
 * JavaScript's built-in errors. `retryOn` accepts each with or without its
 * `Error` ending (`WorkerCrash` is `WorkerCrashError`).
 *
 * @example
 * ```ts
 * KNOWN_ERROR_NAMES.includes('TaskTimeoutError'); // true
 * ```
 */
export const KNOWN_ERROR_NAMES = [
  // local workers and every endpoint
  'WorkerCrashError', 'WorkerOutOfMemoryError', 'TaskTimeoutError', 'TaskCancelledError', 'EndpointClosedError',
  'ArgumentSerializationError', 'ResultSerializationError', 'NonErrorThrown',
  // the bridge, Dask and Globus Compute
  'BridgeError', 'EngineError', 'CancelledError', 'TaskExecutionFailed', 'MaxResultSizeExceeded',
  'SerializationError', 'DeserializationError', 'GlobusAPIError',
  // JavaScript
  'Error', 'TypeError', 'RangeError', 'ReferenceError', 'SyntaxError', 'EvalError', 'URIError', 'AggregateError',
] as const;

/** What an attempt's `failure` is called: a kind, not an error name, and the name to list instead. */
const FAILURE_KINDS: Readonly<Record<string, string>> = {
  crash: 'WorkerCrashError', timeout: 'TaskTimeoutError', cancelled: 'TaskCancelledError', offline: 'EndpointClosedError',
  serialization: 'ArgumentSerializationError', oom: 'WorkerOutOfMemoryError', error: 'Error',
};

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** Both spellings of each known name, for near-miss hints. */
const SPELLINGS = KNOWN_ERROR_NAMES.flatMap((n) => (n.endsWith('Error') && n !== 'Error' ? [n, n.slice(0, -'Error'.length)] : [n]));

/**
 * Why `name` cannot be a `retryOn` entry, or undefined when it can: a known
 * name in either spelling, or the name of the user's own error class.
 */
function problem(name: string): string | undefined {
  if (!IDENTIFIER.test(name)) return `must be error names such as "WorkerCrashError" or the name of your own error class (an identifier); known: ${KNOWN_ERROR_NAMES.join(', ')}`;
  const kind = FAILURE_KINDS[name];
  if (kind) return `lists "${name}", a failure kind, not an error name: use "${kind}"`;
  if (SPELLINGS.includes(name)) return undefined;
  const near = closest(name, SPELLINGS);
  if (near) return `lists "${name}", not a known error name (did you mean "${near}"?); known: ${KNOWN_ERROR_NAMES.join(', ')}`;
  return undefined;
}

/**
 * The zod rule of `@remote({ retryOn })`: a list of error names, each checked
 * against {@link KNOWN_ERROR_NAMES} for near misses.
 *
 * @example
 * ```ts
 * retryOnRule.parse(['WorkerCrash', 'RateLimitError']); // ok
 * retryOnRule.parse(['timeout']);                       // error: a failure kind, use "TaskTimeoutError"
 * ```
 */
export const retryOnRule = z.array(z.string({ error: 'must be a list of error names (strings)' }).min(1, { error: 'must not contain an empty error name' }), { error: 'must be a list of error names (strings)' })
  .superRefine((names, ctx) => {
    names.forEach((name, i) => {
      const why = problem(name);
      if (why) ctx.addIssue({ code: 'custom', path: [i], message: why });
    });
  });

/**
 * The names an attempt's error is matched against: each listed name in both
 * spellings, so `WorkerCrash` matches `WorkerCrashError` and the other way round.
 *
 * @example
 * ```ts
 * expandRetryOn(['WorkerCrash']); // ['WorkerCrash', 'WorkerCrashError']
 * ```
 */
export function expandRetryOn(names: readonly string[]): string[] {
  const out = new Set<string>();
  for (const n of names) {
    out.add(n);
    if (n.endsWith('Error') && n !== 'Error') out.add(n.slice(0, -'Error'.length));
    else if (n !== 'Error') out.add(`${n}Error`);
  }
  return [...out];
}
