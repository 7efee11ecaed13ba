import { AsyncLocalStorage } from 'node:async_hooks';
import { threadId } from 'node:worker_threads';
import { thrownText } from '../../graph/task-side.js';
import { RETIRED_EXIT_CODE, type WorkerRequest } from './worker-protocol.js';

/** One attempt running in this worker, as the async context of everything it starts. */
interface Running {
  readonly request: WorkerRequest;
  settled: boolean;
  fail(error: unknown): void;
}

const context = new AsyncLocalStorage<Running>();
let running = 0;
let retiring = false;
let installed = false;

/**
 * Runs one attempt so that an error nobody caught (a throw in a timer, an
 * unhandled rejection) is charged to the attempt whose code raised it: while
 * that attempt runs, it fails it; after it has settled, the error is logged
 * against it and this worker retires (exits with {@link RETIRED_EXIT_CODE}
 * once idle) instead of failing the next, unrelated attempt.
 *
 * @example
 * ```ts
 * const value = await guardAttempt(request, () => task.invoke(request.args));
 * ```
 */
export async function guardAttempt<T>(request: WorkerRequest, run: () => Promise<T>): Promise<T> {
  install();
  // Handed over before this worker's exit: leave it unrun, the endpoint sends it to another worker.
  if (retiring) process.exit(RETIRED_EXIT_CODE);
  let fail!: (error: unknown) => void;
  const strayed = new Promise<never>((_, reject) => { fail = reject; });
  const attempt: Running = { request, settled: false, fail };
  running += 1;
  try {
    return await context.run(attempt, () => Promise.race([run(), strayed]));
  } finally {
    attempt.settled = true;
    running -= 1;
  }
}

/** True when this worker has retired: its reply says so, and it exits once idle. */
export function workerRetiring(): boolean {
  if (retiring && running === 0) exitSoon();
  return retiring;
}

function install(): void {
  if (installed) return;
  installed = true;
  process.on('uncaughtException', stray);
  process.on('unhandledRejection', stray);
}

function stray(error: unknown): void {
  const attempt = context.getStore();
  if (attempt && !attempt.settled) {
    attempt.fail(error);
  } else {
    const what = error instanceof Error ? `${error.name}: ${error.message}` : thrownText(error);
    const whose = attempt ? `attempt ${attempt.request.attemptId ?? attempt.request.id} of ${taskName(attempt.request.key)}` : 'a task';
    process.stderr.write(`[corral worker ${process.pid}${threadId ? `/${threadId}` : ''}] ${whose} threw after it had finished: ${what}; retiring this worker\n`);
  }
  retiring = true;
  if (running === 0) exitSoon();
}

let exiting = false;
function exitSoon(): void {
  if (exiting) return;
  exiting = true;
  // After the last reply has left: a worker thread ends, a worker process exits.
  setTimeout(() => process.exit(RETIRED_EXIT_CODE), 10);
}

function taskName(key: string): string {
  const [, className, member] = key.split('\u0000');
  return className ? `${className}.${member}` : `${member}`;
}
