import { thrownText } from '../graph/index.js';

/** Why an attempt failed, as far as the endpoint can tell. */
export type AttemptFailure = 'error' | 'crash' | 'timeout' | 'cancelled' | 'serialization' | 'payload' | 'offline' | 'preempted';

/**
 * An attempt failed on an endpoint. `remoteName`, `message` and `remoteStack`
 * are those of the error thrown by the task's code when there was one.
 *
 * @example
 * ```ts
 * handle.result.catch((e: AttemptError) => console.error(e.failure, e.remoteName, e.remoteStack));
 * ```
 */
export class AttemptError extends Error {
  override name = 'AttemptError';
  constructor(
    message: string,
    readonly failure: AttemptFailure,
    readonly remoteName: string,
    readonly remoteStack?: string,
    readonly logRef?: string,
  ) {
    super(message);
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
