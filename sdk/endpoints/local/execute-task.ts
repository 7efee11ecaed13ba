import { existsSync } from 'node:fs';
import { findUncloneable, resolveLightTask, TaskNotFoundError, thrownText, type TaskLocator } from '../../graph/task-side.js';
import { guardAttempt, workerRetiring } from './stray-errors.js';
import { locatorFromKey, type WorkerReply, type WorkerRequest } from './worker-protocol.js';
import { importModule, registerTsx } from './typescript-loader.js';

/** A task ready to call with its arguments. */
type Invoke = (args: readonly unknown[]) => unknown;

const tasks = new Map<string, Invoke | Promise<Invoke>>();

/**
 * Runs one attempt inside a worker: loads the task's module once per worker
 * (the bundle when there is one), calls the task, and reports its value or
 * error as data. Its reply says when the worker retires (see stray-errors.ts).
 */
export async function executeTask(request: WorkerRequest): Promise<WorkerReply> {
  const reply = await runAttempt(request);
  return workerRetiring() ? { ...reply, retire: true } : reply;
}

async function runAttempt(request: WorkerRequest): Promise<WorkerReply> {
  const startedAt = Date.now();
  let t0 = performance.now();
  let coldStartSeconds = 0;
  try {
    let task = tasks.get(request.key);
    if (task === undefined || task instanceof Promise) {
      const loading = task ?? load(request.key);
      tasks.set(request.key, loading);
      try {
        task = await loading;
      } catch (error) {
        tasks.delete(request.key);
        throw error;
      }
      tasks.set(request.key, task);
      const t1 = performance.now();
      coldStartSeconds = (t1 - t0) / 1000;
      t0 = t1;
    }
    const invoke = task;
    const value = await guardAttempt(request, async () => invoke(request.args));
    const runSeconds = (performance.now() - t0) / 1000;
    if (value !== null && typeof value === 'object' || typeof value === 'function' || typeof value === 'symbol') {
      const bad = findUncloneable(value);
      if (bad) {
        const where = bad.path === '(value)' ? 'the result' : `the result at ${bad.path}`;
        return { id: request.id, ok: false, error: { name: 'ResultSerializationError', message: `${where} ${bad.reason}`, failure: 'serialization' }, timings: [startedAt, Date.now(), runSeconds, coldStartSeconds] };
      }
    }
    return { id: request.id, ok: true, value, timings: [startedAt, Date.now(), runSeconds, coldStartSeconds] };
  } catch (thrown) {
    return { id: request.id, ok: false, error: describe(thrown), timings: [startedAt, Date.now(), (performance.now() - t0) / 1000, coldStartSeconds] };
  }
}

async function load(key: string): Promise<Invoke> {
  const locator = locatorFromKey(key);
  const exports = await importModule(locator.bundle?.path ?? locator.module);
  // A bundle (what `corral build` makes) carries the light decorators, whose markers are all a worker reads;
  // only a module decorated by corral itself needs the full reader.
  try {
    return resolveLightTask(exports, locator);
  } catch (error) {
    if (!(error instanceof TaskNotFoundError)) throw error;
  }
  return (await fullResolver())(exports, locator);
}

/**
 * The full task reader (corral's own decorators' metadata as well as light
 * markers), for a module run without a build. Loaded only then: it brings the
 * decorators and the manifest schemas. Compiled corral has it as JS next to
 * this file; a checkout has only the TypeScript source (this file is then
 * bundled with `import.meta.url` set to its source, see thread-entry.ts).
 */
async function fullResolver(): Promise<(exports: Record<string, unknown>, locator: TaskLocator) => Invoke> {
  const url = new URL('../../graph/index.js', import.meta.url);
  if (!existsSync(url)) await registerTsx();
  const { resolveTask } = await import(url.href) as typeof import('../../graph/index.js');
  return (exports, locator) => {
    const task = resolveTask(exports, locator);
    return (args) => task.invoke(args);
  };
}

function describe(thrown: unknown): { name: string; message: string; stack?: string; failure: 'error' } {
  if (thrown instanceof Error) return { name: thrown.name, message: thrown.message, stack: thrown.stack, failure: 'error' };
  return { name: 'NonErrorThrown', message: `task threw a non-Error value: ${thrownText(thrown)}`, failure: 'error' };
}
