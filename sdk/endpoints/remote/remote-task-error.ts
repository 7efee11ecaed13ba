import { AttemptError, type AttemptFailure } from '../attempt-error.js';

/**
 * A task attempt on a remote endpoint failed; `code` is stable
 * (`CORRAL_REMOTE_<ENGINE CODE>`, e.g. `CORRAL_REMOTE_GC_AUTH`,
 * `CORRAL_REMOTE_PAYLOAD_TOO_LARGE`, `CORRAL_REMOTE_BRIDGE_LOST`), and the
 * message names the task, attempt and endpoint.
 *
 * @example
 * ```ts
 * handle.result.catch((e) => { if (e instanceof RemoteTaskError && e.code === 'CORRAL_REMOTE_GC_RATE_LIMITED') wait(); });
 * ```
 */
export class RemoteTaskError extends AttemptError {
  override name = 'RemoteTaskError';
  constructor(
    override readonly code: string,
    message: string,
    failure: AttemptFailure,
    remoteName: string,
    readonly endpoint: string,
    readonly taskId: string,
    readonly attemptId: string,
    remoteStack?: string,
    logRef?: string,
  ) {
    super(message, failure, remoteName, remoteStack, logRef);
  }
}
