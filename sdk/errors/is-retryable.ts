import { CorralError } from './corral-error.js';

/**
 * Whether running the work that failed with `error` again may succeed: the
 * `retryable` flag of a {@link CorralError}; false for anything else (an error
 * corral does not know cannot be assumed transient).
 *
 * @example
 * ```ts
 * const again = isRetryable(error) && attempt <= retries;
 * ```
 */
export function isRetryable(error: unknown): boolean {
  return error instanceof CorralError && error.retryable;
}

/**
 * The stable `code` of a corral error, else undefined.
 *
 * @example
 * ```ts
 * if (errorCode(e) === 'CORRAL_BUDGET_EXCEEDED') lowerTheBar();
 * ```
 */
export function errorCode(error: unknown): string | undefined {
  return error instanceof CorralError ? error.code : undefined;
}
