import type { TaskHandle, TaskResult } from './endpoint.js';

/**
 * The same attempt with its result passed through `then`: cancelling it
 * cancels the original. A handle may be a class instance whose `cancel` is a
 * method (LocalEndpoint's attempts), so spreading it would lose `cancel`.
 *
 * @example
 * ```ts
 * const handle = mapResult(endpoint.submit(spec), (r) => ({ ...r, value: decode(r.value) }));
 * handle.cancel('round deadline'); // cancels the endpoint's attempt
 * ```
 */
export function mapResult(handle: TaskHandle, then: (result: TaskResult) => TaskResult | Promise<TaskResult>): TaskHandle {
  return new MappedHandle(handle, handle.result.then(then));
}

/** A handle whose `cancel` is a method (no closure per attempt: the runtime maps every attempt's result). */
class MappedHandle implements TaskHandle {
  readonly attemptId: string;

  constructor(private readonly inner: TaskHandle, readonly result: Promise<TaskResult>) {
    this.attemptId = inner.attemptId;
  }

  cancel(reason?: string): void {
    this.inner.cancel(reason);
  }
}
