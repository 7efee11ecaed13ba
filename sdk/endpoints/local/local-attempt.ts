import type { AttemptError } from '../attempt-error.js';
import type { TaskHandle, TaskResult, TaskSpec } from '../endpoint.js';
import type { WorkerReply, WorkerRequest } from './worker-protocol.js';

/** What a {@link LocalAttempt} asks of its endpoint. */
export interface AttemptHost {
  /** Sends the request to a worker. */
  send(attempt: LocalAttempt): Promise<WorkerReply>;
  /** The worker replied: the attempt's result, or the error it throws. */
  replied(attempt: LocalAttempt, reply: WorkerReply): TaskResult;
  /** The worker (or the pool) failed the attempt: the error it fails with, or undefined when the attempt was sent again. */
  failed(attempt: LocalAttempt, error: unknown): AttemptError | undefined;
  /** The attempt was cancelled with no signal to abort: the error it fails with. */
  cancelled(attempt: LocalAttempt, reason?: string): AttemptError;
}

/**
 * One attempt on a LocalEndpoint: its handle, the request its worker gets,
 * and what settles it, in one object. With 10,000 attempts in flight every
 * object kept per attempt counts (each outlives many young-generation
 * collections and is promoted), so the handle's `cancel` is a method and the
 * worker's reply settles the result directly, with no promise chain between.
 *
 * @example
 * ```ts
 * const attempt = new LocalAttempt(task, request, Date.now(), host);
 * attempt.start();
 * await attempt.result;
 * ```
 */
export class LocalAttempt implements TaskHandle {
  readonly attemptId: string;
  readonly result: Promise<TaskResult>;
  /** Set only for attempts that can time out (or run in a process pool): aborting it stops the worker. */
  abort?: AbortController;
  /** Cancels the attempt's timer. */
  clearTimer?: () => void;
  /** Sent a second time (its first worker retired before running it). */
  resent = false;
  private resolve!: (result: TaskResult) => void;
  private reject!: (error: AttemptError) => void;

  constructor(readonly task: TaskSpec, readonly request: WorkerRequest, readonly submittedAt: number, private readonly host: AttemptHost) {
    this.attemptId = task.attemptId;
    this.result = new Promise<TaskResult>((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
  }

  /** Hands the request to a worker (again, when a retired worker never ran it). */
  start(): void {
    this.host.send(this).then((reply) => this.onReply(reply), (error: unknown) => this.onError(error));
  }

  cancel(reason?: string): void {
    // Without a signal the worker cannot be stopped: the attempt stops waiting at once and its late reply is dropped.
    if (this.abort) this.abort.abort(this.host.cancelled(this, reason));
    else this.reject(this.host.cancelled(this, reason));
  }

  private onReply(reply: WorkerReply): void {
    try {
      this.resolve(this.host.replied(this, reply));
    } catch (error) {
      this.reject(error as AttemptError);
    }
  }

  private onError(error: unknown): void {
    const failure = this.host.failed(this, error);
    if (failure) this.reject(failure);
  }
}
