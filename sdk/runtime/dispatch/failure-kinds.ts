import type { AttemptError } from '../../endpoints/index.js';

/** Failures that no retry can cure: the same arguments would be refused again, or the user cancelled. */
const NOT_RETRYABLE: ReadonlySet<string> = new Set(['serialization', 'payload', 'cancelled']);

/** Failures after which the endpoint had run the attempt, so its time is billed. */
const BILLED: ReadonlySet<string> = new Set(['error', 'crash', 'timeout', 'preempted']);

/** Whether a failed attempt may be tried again, given the task's `retryOn` names (empty: any retryable failure). */
export function isRetryable(error: AttemptError, retryOn: readonly string[]): boolean {
  return !NOT_RETRYABLE.has(error.failure) && (retryOn.length === 0 || retryOn.includes(error.remoteName));
}

/** Whether a failed attempt held its worker, so its time is paid. */
export function isBilled(error: AttemptError): boolean {
  return BILLED.has(error.failure);
}
