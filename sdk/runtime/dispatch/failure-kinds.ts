import type { AttemptError } from '../../endpoints/index.js';

/**
 * Whether a failed attempt may be tried again: the failure says so itself
 * (`retryable`), and the task's `retryOn` names (empty: any retryable failure)
 * must include it.
 */
export function isRetryable(error: AttemptError, retryOn: readonly string[]): boolean {
  return error.retryable && (retryOn.length === 0 || retryOn.includes(error.remoteName));
}

/** Whether a failed attempt held its worker, so its time is paid (the failure says so itself). */
export function isBilled(error: AttemptError): boolean {
  return error.billed;
}
