import { EventEmitter } from 'node:events';
import type { RoundEvent } from '../federated/index.js';

/** The state a task call is in. */
export type TaskState = 'waiting' | 'ready' | 'queued' | 'running' | 'retrying' | 'done' | 'failed' | 'cached' | 'replayed' | 'cancelled';

/** Fields every event of one task call carries. */
export interface CallEventBase {
  readonly runId: string;
  readonly callId: string;
  readonly taskId: string;
  /** Epoch milliseconds. */
  readonly at: number;
}

/**
 * Every state change of a run, as the runtime emits it (progress, logs and the
 * report subscribe; the journal stores the same facts).
 *
 * @example
 * ```ts
 * corral.events.on('event', (e: RunEvent) => { if (e.type === 'task:failed') console.error(e.error.message); });
 * ```
 */
export type RunEvent =
  | { readonly type: 'run:started'; readonly runId: string; readonly at: number; readonly workflow: string; readonly budget?: { usd?: number; joules?: number; deadlineS?: number } }
  | { readonly type: 'run:finished'; readonly runId: string; readonly at: number; readonly ok: boolean; readonly error?: string }
  | (CallEventBase & { readonly type: 'task:submitted'; readonly dependsOn: readonly string[] })
  | (CallEventBase & { readonly type: 'task:placed'; readonly endpoint: string; readonly attempt: number; readonly reason?: string; readonly predictedSeconds: number; readonly predictedUsd: number; readonly predictedJoules: number })
  | (CallEventBase & { readonly type: 'attempt:started'; readonly endpoint: string; readonly attempt: number })
  | (CallEventBase & { readonly type: 'attempt:failed'; readonly endpoint: string; readonly attempt: number; readonly error: { name: string; message: string; failure: string }; readonly willRetry: boolean; readonly logRef?: string })
  | (CallEventBase & { readonly type: 'task:done'; readonly endpoint: string; readonly attempt: number; readonly runSeconds: number; readonly usd: number; readonly joules: number })
  | (CallEventBase & { readonly type: 'task:failed'; readonly endpoint?: string; readonly attempt: number; readonly error: { name: string; message: string } })
  | (CallEventBase & { readonly type: 'task:cached' | 'task:replayed' })
  | { readonly type: 'run:replaced'; readonly runId: string; readonly at: number; readonly reason: string; readonly replaced: number; readonly moved: number }
  | RoundEvent;

/** The emitter a session exposes as `corral.events`; every event also comes as `'event'`. */
export class RunEvents extends EventEmitter {
  emitEvent(event: RunEvent): void {
    this.emit(event.type, event);
    this.emit('event', event);
  }
}
