/**
 * What calling a decorated method returns inside a corral session: a real
 * Promise of the result that also says which call it is. Passing it as an
 * argument to another task makes a dependency (a graph edge) without waiting,
 * and carries a kept result's reference, not its bytes. The value comes to
 * the orchestrating process only when it is awaited (or `then` is called),
 * and then once.
 *
 * @example
 * ```ts
 * const thumb = this.thumbnail(img, 128);   // TaskFuture<Uint8Array>
 * const label = this.classify(thumb);       // runs once thumb is ready; thumb's bytes stay where they were made
 * console.log(thumb.taskId, await label);
 * ```
 */
export class TaskFuture<T> extends Promise<T> {
  declare readonly callId: string;
  declare readonly taskId: string;
  declare private readonly outcome: Promise<unknown>;
  declare private readonly open: () => void;

  // Derived promises (then/catch/finally) are plain promises, not futures.
  static override get [Symbol.species](): PromiseConstructor {
    return Promise;
  }

  /**
   * Creates a future and hands back its settle functions. `materialize` turns
   * the settled outcome (a value, or a kept result's reference) into the
   * value, when someone first asks for it.
   */
  static create<T>(callId: string, taskId: string, materialize?: (outcome: unknown) => unknown): { future: TaskFuture<T>; resolve: (v: unknown) => void; reject: (e: unknown) => void } {
    let resolveValue!: (v: T) => void;
    let rejectValue!: (e: unknown) => void;
    const future = new TaskFuture<T>((res, rej) => { resolveValue = res; rejectValue = rej; });
    let resolve!: (v: unknown) => void;
    let reject!: (e: unknown) => void;
    const outcome = new Promise<unknown>((res, rej) => { resolve = res; reject = rej; });
    // Failures are journaled and reach whoever awaits the future; unawaited, they are not unhandled.
    outcome.catch(() => undefined);
    let opened = false;
    const open = () => {
      if (opened) return;
      opened = true;
      outcome.then((v) => (materialize ? materialize(v) : v)).then((v) => resolveValue(v as T), rejectValue);
    };
    Object.defineProperty(future, 'callId', { value: callId });
    Object.defineProperty(future, 'taskId', { value: taskId });
    Object.defineProperty(future, 'outcome', { value: outcome });
    Object.defineProperty(future, 'open', { value: open });
    return { future, resolve, reject };
  }

  override then<A = T, B = never>(onFulfilled?: ((value: T) => A | PromiseLike<A>) | null, onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<A | B> {
    // A future made by the Promise machinery itself (never by create) has no outcome to open.
    if (this.open) this.open();
    return super.then(onFulfilled, onRejected);
  }

  /** The call's outcome without fetching anything: its value, or a kept result's reference (JSON form). */
  settled(): Promise<unknown> {
    return this.outcome;
  }
}
