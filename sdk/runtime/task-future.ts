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
  // Read through the cell: one field per future, not three own properties defined one by one.
  #cell?: OutcomeCell;

  /** The id of the call this future is the result of. */
  get callId(): string {
    return this.#cell?.callId as string;
  }

  /** The id of the task the call runs. */
  get taskId(): string {
    return this.#cell?.taskId as string;
  }

  // Derived promises (then/catch/finally) are plain promises, not futures.
  static override get [Symbol.species](): PromiseConstructor {
    return Promise;
  }

  /**
   * Creates a future and hands back its settle functions. `materialize` turns
   * the settled outcome (a value, or a kept result's reference) into the
   * value, when someone first asks for it.
   */
  static create<T>(callId: string, taskId: string, materialize?: (outcome: unknown) => unknown): { future: TaskFuture<T>; outcome: CallOutcome } {
    const cell = new OutcomeCell(callId, taskId, materialize);
    // One executor for every future (the constructor runs it at once), not a closure per call.
    creating = cell;
    const future = new TaskFuture<T>(takeSettlers);
    creating = undefined;
    future.#cell = cell;
    // The cell itself settles the future: no settle functions (bound or arrow) per call, each kept until the call ends.
    return { future, outcome: cell };
  }

  override then<A = T, B = never>(onFulfilled?: ((value: T) => A | PromiseLike<A>) | null, onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<A | B> {
    // A future made by the Promise machinery itself (never by create) has no outcome to open.
    this.#cell?.open();
    return super.then(onFulfilled, onRejected);
  }

  /** The call's outcome without fetching anything: its value, or a kept result's reference (JSON form). */
  settled(): Promise<unknown> {
    return this.#cell!.outcome();
  }
}

/** The cell whose future is being constructed: {@link takeSettlers} hands it the future's settle functions. */
let creating: OutcomeCell | undefined;

function takeSettlers(resolve: (v: never) => void, reject: (e: unknown) => void): void {
  creating!.resolveValue = resolve;
  creating!.rejectValue = reject;
}

/**
 * What the runtime settles a call's future with.
 *
 * @example
 * ```ts
 * const { future, outcome } = TaskFuture.create('c1', 'Images.thumbnail');
 * outcome.settle(true, thumb);
 * ```
 */
export interface CallOutcome {
  /** Settles the future once (later calls are ignored): `ok` with the value (or a kept result's reference), else with the error. */
  settle(ok: boolean, value: unknown): void;
}

/**
 * A call's outcome as the runtime reported it, held as plain fields rather
 * than a chain of promises: 10,000 calls in flight each keep one of these.
 * The future settles only once it is opened (awaited), so an unawaited
 * failure is never an unhandled rejection.
 */
class OutcomeCell implements CallOutcome {
  resolveValue!: (v: never) => void;
  rejectValue!: (e: unknown) => void;
  private state: 'pending' | 'ok' | 'failed' = 'pending';
  private value: unknown;
  private opened = false;
  private waiters?: Array<{ resolve: (v: unknown) => void; reject: (e: unknown) => void }>;

  constructor(readonly callId: string, readonly taskId: string, private readonly materialize?: (outcome: unknown) => unknown) {}

  settle(ok: boolean, value: unknown): void {
    if (this.state !== 'pending') return;
    this.state = ok ? 'ok' : 'failed';
    this.value = value;
    for (const w of this.waiters?.splice(0) ?? []) (ok ? w.resolve : w.reject)(value);
    if (this.opened) this.deliver();
  }

  open(): void {
    if (this.opened) return;
    this.opened = true;
    if (this.state !== 'pending') this.deliver();
  }

  outcome(): Promise<unknown> {
    if (this.state === 'ok') return Promise.resolve(this.value);
    if (this.state === 'failed') return Promise.reject(this.value);
    return new Promise((resolve, reject) => (this.waiters ??= []).push({ resolve, reject }));
  }

  private deliver(): void {
    if (this.state === 'failed') {
      this.rejectValue(this.value);
      return;
    }
    try {
      // A kept result is fetched (a promise the future adopts) only now that someone asked for the value.
      this.resolveValue((this.materialize ? this.materialize(this.value) : this.value) as never);
    } catch (error) {
      this.rejectValue(error);
    }
  }
}
