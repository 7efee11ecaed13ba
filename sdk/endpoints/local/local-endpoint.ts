import os from 'node:os';
import { Piscina } from 'piscina';
import { threadEntry } from './thread-entry.js';
import { withoutSecrets } from '../../secrets/index.js';
import { AttemptError } from '../attempt-error.js';
import type { Endpoint, EndpointDescription, EndpointStatus, TaskHandle, TaskResult, TaskSpec } from '../endpoint.js';
import { LocalAttempt, type AttemptHost } from './local-attempt.js';
import { CrashLoop } from './crash-loop.js';
import { checkLocalOptions } from './local-options-check.js';
import { longTimeout } from './long-timeout.js';
import { ProcessPool } from './process-pool.js';
import { withWorkerFlags } from './worker-exec-argv.js';
import { locatorKey, RETIRED_EXIT_CODE, type WorkerReply } from './worker-protocol.js';

/** Options of a LocalEndpoint (the `local` kind of endpoints.yaml). */
export interface LocalEndpointOptions {
  readonly name?: string;
  /** Attempts at once (1 to 1024); defaults to the machine's cores. */
  readonly workers?: number;
  /** `thread` (piscina worker threads, default) or `process` (one child process per worker, for isolation and CPU-heavy single-threaded libraries). */
  readonly mode?: 'thread' | 'process';
  /** Heap limit of each worker, in MB (32 to 1048576): a task past it fails alone. */
  readonly maxMemoryMB?: number;
  /** Extra environment variables of the workers (secrets of corral's own environment are never passed on; set here those a task needs). */
  readonly env?: Readonly<Record<string, string>>;
  readonly transferGroup?: string;
  readonly cost?: Readonly<Record<string, unknown>>;
  readonly labels?: Readonly<Record<string, string>>;
}

/**
 * Runs tasks on this machine, in worker threads (default) or child processes.
 * A worker that crashes (process.exit, out of memory, a thrown non-Error) fails
 * that attempt only; an error a task raises after its attempt settled is
 * logged against it and retires that worker, never failing the next attempt.
 * Workers that keep dying before they can run anything stop the endpoint: it
 * goes offline with the reason, and its attempts fail as `offline`.
 *
 * @example
 * ```ts
 * const laptop = new LocalEndpoint({ name: 'laptop', workers: 2 });
 * const corral = await Corral.open({ endpoints: [laptop] });
 * ```
 */
export class LocalEndpoint implements Endpoint {
  readonly kind = 'local';
  readonly name: string;
  private readonly workers: number;
  private readonly threads?: Piscina;
  private readonly processes?: ProcessPool;
  private nextId = 1;
  private inFlight = 0;
  private closed = false;
  private readonly threadCrashes = new CrashLoop();

  constructor(private readonly options: LocalEndpointOptions = {}) {
    this.name = options.name ?? 'local';
    checkLocalOptions(this.name, options);
    this.workers = options.workers ?? Math.min(1024, Math.max(1, os.availableParallelism()));
    if (options.mode === 'process') {
      this.processes = new ProcessPool(this.workers, { maxMemoryMB: options.maxMemoryMB, env: options.env });
    } else {
      // Workers load plain JS (one registers a TypeScript loader only for a TypeScript task module), without the flags only corral's process takes.
      this.threads = withWorkerFlags(process.execArgv, this.name, (execArgv) => new Piscina({
        filename: threadEntry(),
        execArgv,
        minThreads: this.workers,
        maxThreads: this.workers,
        idleTimeout: 60_000,
        // piscina's default ('sync') blocks an idle worker's event loop in Atomics.wait: what a task left
        // behind (a timer, a process.exit) would run only inside the next, unrelated call.
        atomics: 'async',
        // Attempts carry their own timings (the worker's reply): piscina's run and wait histograms would be kept for nothing.
        recordTiming: false,
        // Tasks never see corral's own secrets (Globus credentials, *_TOKEN): only what `env:` gives them.
        env: { ...withoutSecrets(process.env), ...options.env },
        ...(options.maxMemoryMB ? { resourceLimits: { maxOldGenerationSizeMb: options.maxMemoryMB } } : {}),
      }));
      // Piscina reports a worker that died with no task as an 'error' event: unheard, it would kill corral.
      this.threads.on('error', (e: Error) => this.threadDied(e));
    }
  }

  /** Why the endpoint stopped running attempts, once it has. */
  private get stopped(): string | undefined { return this.processes?.stopped ?? this.threadCrashes.stopped; }

  private threadDied(e: Error): void {
    const code = (e as { code?: string }).code;
    if (this.threadCrashes.died(`a worker thread died: ${code ? `${code} ` : ''}${e.message}`) === undefined && this.threads) {
      process.stderr.write(`[corral] endpoint ${this.name} stopped: ${this.stopped}\n`);
      // Fails what piscina still queues for workers that will not come.
      void this.threads.destroy().catch(() => undefined);
    }
  }

  describe(): EndpointDescription {
    const cpu = os.cpus()[0];
    return {
      name: this.name,
      kind: this.kind,
      workers: this.workers,
      hardware: {
        cores: os.availableParallelism(),
        memoryGiB: os.totalmem() / 2 ** 30,
        cpuModel: cpu?.model,
        clockMHz: cpu?.speed,
        arch: os.arch(),
      },
      transferGroup: this.options.transferGroup ?? `local:${os.hostname()}`,
      cost: this.options.cost,
      labels: { mode: this.options.mode ?? 'thread', ...this.options.labels },
    };
  }

  async status(): Promise<EndpointStatus> {
    const stopped = this.stopped;
    return {
      online: !this.closed && !stopped,
      ...(stopped ? { detail: `endpoint ${this.name} stopped: ${stopped}` } : {}),
      totalWorkers: this.workers,
      idleWorkers: Math.max(0, this.workers - this.inFlight),
      queued: Math.max(0, this.inFlight - this.workers),
    };
  }

  submit(task: TaskSpec): TaskHandle {
    const submittedAt = Date.now();
    const refused = this.closed ? new AttemptError(`endpoint ${this.name} is closed`, 'offline', 'EndpointClosedError')
      : this.stopped ? this.stoppedError(task)
        : task.timeoutS !== undefined && !(task.timeoutS > 0) ? new AttemptError(`attempt ${task.attempt} of ${task.taskId} on endpoint ${this.name}: timeoutS must be a positive number of seconds (got ${task.timeoutS})`, 'error', 'TaskOptionError')
          : undefined;
    if (refused) return { attemptId: task.attemptId, result: Promise.reject(refused), cancel: () => undefined };
    const attempt = new LocalAttempt(task, { id: this.nextId++, key: locatorKey(task.locator), args: task.args, attemptId: task.attemptId }, submittedAt, this.host);
    // A signal costs piscina a lot per task: only attempts that can time out get one up front.
    if (task.timeoutS !== undefined || this.processes) attempt.abort = new AbortController();
    if (task.timeoutS !== undefined) {
      // Chunked: a plain setTimeout over about 24.8 days would fire at once.
      attempt.clearTimer = longTimeout(() => attempt.abort!.abort(new AttemptError(`attempt ${task.attempt} of ${task.taskId} timed out after ${task.timeoutS} s on endpoint ${this.name}`, 'timeout', 'TaskTimeoutError')), task.timeoutS * 1000);
    }
    this.inFlight++;
    attempt.start();
    return attempt;
  }

  /** How attempts reach this endpoint's workers and come back (one object for all attempts, not closures per attempt). */
  private readonly host: AttemptHost = {
    send: (attempt) => {
      const signal = attempt.abort?.signal;
      if (this.processes) return this.processes.run(attempt.request, signal);
      return (signal ? this.threads!.run(attempt.request, { signal }) : this.threads!.run(attempt.request)) as Promise<WorkerReply>;
    },
    replied: (attempt, reply) => {
      this.inFlight--;
      attempt.clearTimer?.();
      if (reply.ok) this.threadCrashes.lived();
      return this.settle(reply, attempt.submittedAt);
    },
    failed: (attempt, error) => {
      const signal = attempt.abort?.signal;
      // A thread that retired after an earlier attempt's late error never ran this one: send it once more.
      if (this.threads && !attempt.resent && !signal?.aborted && error instanceof Error && error.message === `worker exited with code: ${RETIRED_EXIT_CODE}`) {
        attempt.resent = true;
        attempt.start();
        return undefined;
      }
      this.inFlight--;
      attempt.clearTimer?.();
      return this.failure(attempt.task, error, signal);
    },
    cancelled: (attempt, reason) => this.cancelled(attempt.task, reason),
  };

  private cancelled(task: TaskSpec, reason?: string): AttemptError {
    return new AttemptError(reason ?? `attempt ${task.attempt} of ${task.taskId} cancelled`, 'cancelled', 'TaskCancelledError');
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.threads?.destroy();
    await this.processes?.close();
  }

  private stoppedError(task: TaskSpec): AttemptError {
    return new AttemptError(`attempt ${task.attempt} of ${task.taskId} cannot run: endpoint ${this.name} stopped: ${this.stopped}`, 'offline', 'WorkerPoolStoppedError');
  }

  private settle(reply: WorkerReply, submittedAt: number): TaskResult {
    const [startedAt, endedAt, runSeconds, coldStartSeconds] = reply.timings;
    const timings = { submittedAt, startedAt, endedAt, runSeconds, coldStartSeconds, queueSeconds: Math.max(0, (startedAt - submittedAt) / 1000) };
    if (reply.ok) return { value: reply.value, timings };
    const e = reply.error;
    throw new AttemptError(e.message, e.failure, e.name, e.stack);
  }

  private failure(task: TaskSpec, error: unknown, signal: AbortSignal | undefined): AttemptError {
    if (error instanceof AttemptError) return error;
    if (signal?.aborted && signal.reason instanceof AttemptError) return signal.reason;
    if (this.stopped && (error as { name?: string }).name !== 'WorkerCrashError') return this.stoppedError(task);
    const message = error instanceof Error ? error.message : String(error);
    const name = error instanceof Error ? error.name : 'Error';
    if (/ERR_WORKER_OUT_OF_MEMORY|out of memory/i.test(`${(error as { code?: string }).code ?? ''} ${message}`)) {
      return new AttemptError(`worker ran out of memory running ${task.taskId} on endpoint ${this.name}`, 'crash', 'WorkerOutOfMemoryError');
    }
    if (/DataCloneError|could not be cloned/i.test(`${name} ${message}`)) {
      return new AttemptError(`arguments of ${task.taskId} could not be sent to a worker: ${message}`, 'serialization', 'ArgumentSerializationError');
    }
    return new AttemptError(`worker crashed running ${task.taskId} on endpoint ${this.name}: ${message}`, 'crash', name === 'Error' ? 'WorkerCrashError' : name);
  }
}
