import { pathToFileURL } from 'node:url';
import { findUncloneable, resolveTask, type ResolvedTask } from '../../graph/index.js';
import type { WorkerReply, WorkerRequest } from './worker-protocol.js';

const tasks = new Map<string, Promise<ResolvedTask>>();

/**
 * Runs one attempt inside a worker: loads the task's module once per worker
 * (the bundle when there is one), calls the task, and reports its value or
 * error as data.
 */
export async function executeTask(request: WorkerRequest): Promise<WorkerReply> {
  const startedAt = Date.now();
  const t0 = performance.now();
  let coldStartSeconds = 0;
  let t1 = t0;
  const timings = () => {
    const endedAt = Date.now();
    return { startedAt, endedAt, runSeconds: (performance.now() - t1) / 1000, coldStartSeconds };
  };
  try {
    const key = taskKey(request);
    let pending = tasks.get(key);
    if (!pending) {
      pending = load(request);
      tasks.set(key, pending);
      pending.catch(() => tasks.delete(key));
      const task = await pending;
      coldStartSeconds = (performance.now() - t0) / 1000;
      t1 = performance.now();
      return await invoke(request, task, timings);
    }
    const task = await pending;
    t1 = performance.now();
    return await invoke(request, task, timings);
  } catch (thrown) {
    return { id: request.id, ok: false, error: describe(thrown, 'error'), timings: timings() };
  }
}

async function invoke(request: WorkerRequest, task: ResolvedTask, timings: () => WorkerReply['timings']): Promise<WorkerReply> {
  const value = await task.invoke(request.args);
  const bad = findUncloneable(value);
  if (bad) {
    const where = bad.path === '(value)' ? 'the result' : `the result at ${bad.path}`;
    return { id: request.id, ok: false, error: { name: 'ResultSerializationError', message: `${where} ${bad.reason}`, failure: 'serialization' }, timings: timings() };
  }
  return { id: request.id, ok: true, value, timings: timings() };
}

async function load(request: WorkerRequest): Promise<ResolvedTask> {
  const file = request.locator.bundle?.path ?? request.locator.module;
  const exports = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  return resolveTask(exports, request.locator);
}

function taskKey(request: WorkerRequest): string {
  const l = request.locator;
  return `${l.bundle?.path ?? l.module}\u0000${l.kind}\u0000${l.className ?? ''}\u0000${l.member}`;
}

function describe(thrown: unknown, failure: 'error' | 'serialization'): { name: string; message: string; stack?: string; failure: 'error' | 'serialization' } {
  if (thrown instanceof Error) return { name: thrown.name, message: thrown.message, stack: thrown.stack, failure };
  let text: string;
  try { text = JSON.stringify(thrown) ?? String(thrown); } catch { text = String(thrown); }
  return { name: 'NonErrorThrown', message: `task threw a non-Error value: ${text}`, failure };
}
