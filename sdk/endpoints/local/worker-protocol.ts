import type { TaskLocator } from '../../graph/index.js';

/** What LocalEndpoint sends a worker (thread or process) for one attempt. */
export interface WorkerRequest {
  readonly id: number;
  readonly locator: TaskLocator;
  readonly args: readonly unknown[];
  readonly submittedAt: number;
}

/** What the worker answers. Errors travel as data so non-Error throws keep their meaning. */
export type WorkerReply =
  | { readonly id: number; readonly ok: true; readonly value: unknown; readonly timings: WorkerTimings }
  | { readonly id: number; readonly ok: false; readonly error: { name: string; message: string; stack?: string; failure: 'error' | 'serialization' }; readonly timings: WorkerTimings };

/** Measured inside the worker. */
export interface WorkerTimings {
  readonly startedAt: number;
  readonly endedAt: number;
  readonly runSeconds: number;
  readonly coldStartSeconds: number;
}
