import { CorralError } from '../errors/index.js';
import { thrownText } from '../graph/index.js';
/** Every reason an attempt can fail for, as far as the endpoint can tell. */
export const ATTEMPT_FAILURES = ['error', 'crash', 'timeout', 'cancelled', 'serialization', 'payload', 'offline', 'preempted'] as const;

/** Why an attempt failed, as far as the endpoint can tell. */
export type AttemptFailure = typeof ATTEMPT_FAILURES[number];

// Running the same call again cannot fix its arguments, its size, or a cancellation.
const NOT_RETRYABLE: ReadonlySet<AttemptFailure> = new Set(['serialization', 'payload', 'cancelled']);
// The endpoint ran (part of) the attempt before it failed, so its time is billed.
const BILLED: ReadonlySet<AttemptFailure> = new Set(['error', 'crash', 'timeout', 'preempted']);

/**
 * `value` as an {@link AttemptFailure}, checked (a bridge reply or a journal
 * row is text from outside); anything else is undefined.
 *
 * @example
 * ```ts
 * const failure = attemptFailureOf(reply.error.failure) ?? 'crash';
 * ```
 */
export function attemptFailureOf(value: unknown): AttemptFailure | undefined {
  return (ATTEMPT_FAILURES as readonly unknown[]).includes(value) ? value as AttemptFailure : undefined;
}

/**
 * An attempt failed on an endpoint. `remoteName`, `message` and `remoteStack`
 * are those of the error thrown by the task's code when there was one. Its
 * code is `CORRAL_ATTEMPT_<FAILURE>`; `retryable` is false for failures a new
 * attempt cannot fix (serialization, payload, cancelled); `billed` says the
 * endpoint ran the attempt, so its time is paid for.
 *
 * @example
 * ```ts
 * handle.result.catch((e: AttemptError) => console.error(e.failure, e.remoteName, e.remoteStack));
 * ```
 */
export class AttemptError extends CorralError {
  override name = 'AttemptError';
  readonly code: string;
  readonly billed: boolean;
  constructor(
    message: string,
    readonly failure: AttemptFailure,
    readonly remoteName: string,
    readonly remoteStack?: string,
    readonly logRef?: string,
  ) {
    super(message, { retryable: !NOT_RETRYABLE.has(failure) });
    this.code = `CORRAL_ATTEMPT_${failure.toUpperCase()}`;
    this.billed = BILLED.has(failure);
  }
}

/** Builds an AttemptError from anything a task threw, Error or not. */
export function attemptErrorFrom(thrown: unknown, failure: AttemptFailure = 'error'): AttemptError {
  if (thrown instanceof AttemptError) return thrown;
  if (thrown instanceof Error) return new AttemptError(thrown.message, failure, thrown.name, thrown.stack);
  if (thrown && typeof thrown === 'object' && 'message' in thrown) {
    const t = thrown as { name?: unknown; message?: unknown; stack?: unknown };
    return new AttemptError(typeof t.message === 'string' ? t.message : thrownText(t.message), failure, typeof t.name === 'string' ? t.name : 'Error', typeof t.stack === 'string' ? t.stack : undefined);
  }
  return new AttemptError(`task threw a non-Error value: ${thrownText(thrown)}`, failure, 'NonErrorThrown');
}
