/**
 * What calling a decorated method returns inside a corral session: a real
 * Promise of the result that also says which call it is. Passing it as an
 * argument to another task makes a dependency (a graph edge) without waiting.
 *
 * @example
 * ```ts
 * const thumb = this.thumbnail(img, 128);   // TaskFuture<Uint8Array>
 * const label = this.classify(thumb);       // runs once thumb is ready
 * console.log(thumb.taskId, await label);
 * ```
 */
export class TaskFuture<T> extends Promise<T> {
  declare readonly callId: string;
  declare readonly taskId: string;

  // Derived promises (then/catch/finally) are plain promises, not futures.
  static override get [Symbol.species](): PromiseConstructor {
    return Promise;
  }

  /** Creates a future and hands back its settle functions. */
  static create<T>(callId: string, taskId: string): { future: TaskFuture<T>; resolve: (v: T) => void; reject: (e: unknown) => void } {
    let resolve!: (v: T) => void;
    let reject!: (e: unknown) => void;
    const future = new TaskFuture<T>((res, rej) => { resolve = res; reject = rej; });
    Object.defineProperty(future, 'callId', { value: callId });
    Object.defineProperty(future, 'taskId', { value: taskId });
    return { future, resolve, reject };
  }
}
