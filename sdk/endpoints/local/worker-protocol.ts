import type { TaskLocator } from '../../graph/index.js';

/** What LocalEndpoint sends a worker (thread or process) for one attempt. */
export interface WorkerRequest {
  readonly id: number;
  /** The task's locator as one string (cheaper to send than an object); see {@link locatorKey}. */
  readonly key: string;
  readonly args: readonly unknown[];
  /** The attempt's id, for logs written in the worker. */
  readonly attemptId?: string;
}

/**
 * Exit code of a worker that retired itself after a task's error surfaced
 * once its attempt had settled; an attempt handed to it meanwhile never ran
 * there and is sent to another worker.
 */
export const RETIRED_EXIT_CODE = 75;

/** What the worker answers. Errors travel as data so non-Error throws keep their meaning. */
export type WorkerReply =
  | { readonly id: number; readonly ok: true; readonly value: unknown; readonly timings: WorkerTimings; readonly retire?: boolean }
  | { readonly id: number; readonly ok: false; readonly error: { name: string; message: string; stack?: string; failure: 'error' | 'serialization' }; readonly timings: WorkerTimings; readonly retire?: boolean };

/** Measured inside the worker: startedAt, endedAt (epoch ms), runSeconds, coldStartSeconds. */
export type WorkerTimings = readonly [startedAt: number, endedAt: number, runSeconds: number, coldStartSeconds: number];

const SEP = '\u0000';
const cache = new WeakMap<TaskLocator, string>();

/** Encodes a locator as one string. */
export function locatorKey(locator: TaskLocator): string {
  let key = cache.get(locator);
  if (key === undefined) {
    key = [locator.kind, locator.className ?? '', locator.member, locator.module, locator.bundle?.path ?? '', locator.bundle?.hash ?? ''].join(SEP);
    cache.set(locator, key);
  }
  return key;
}

/** Decodes {@link locatorKey}. */
export function locatorFromKey(key: string): TaskLocator {
  const [kind, className, member, module, bundlePath, bundleHash] = key.split(SEP) as [TaskLocator['kind'], string, string, string, string, string];
  return { kind, className: className || undefined, member, module, ...(bundlePath ? { bundle: { path: bundlePath, hash: bundleHash } } : {}) };
}
