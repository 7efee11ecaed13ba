import type { TaskResult } from '../../endpoints/index.js';
import type { RunEvent, RunEvents, TaskState } from '../events.js';
import type { Journal } from '../journal/index.js';

/** The call a record is about. */
export interface RecordedCall {
  readonly callId: string;
  readonly def: { readonly id: string };
}

/** One state change of a call, as the dispatcher reports it: the recorder makes it one journal row and one event. */
export type CallRecord =
  | { readonly kind: 'submitted'; readonly seq: number; readonly dependsOn: readonly string[] }
  | { readonly kind: 'state'; readonly state: TaskState; readonly callKey?: string }
  | { readonly kind: 'placed'; readonly endpoint: string; readonly attempt: number; readonly reason?: string; readonly predicted: { readonly seconds: number; readonly usd: number; readonly joules: number } }
  | { readonly kind: 'attempt-started'; readonly endpoint: string; readonly attempt: number }
  | { readonly kind: 'done'; readonly endpoint: string; readonly attempt: number; readonly timings: TaskResult['timings']; readonly runSeconds: number; readonly usd: number; readonly joules: number; readonly result: Buffer; readonly cache?: { readonly key: string; readonly argsHash: string } }
  | { readonly kind: 'attempt-failed'; readonly endpoint: string; readonly attempt: number; readonly error: { readonly name: string; readonly message: string; readonly failure: string; readonly stack?: string; readonly logRef?: string }; readonly usd: number; readonly joules: number; readonly willRetry: boolean }
  | { readonly kind: 'settled-from-journal'; readonly state: 'cached' | 'replayed'; readonly result: Buffer }
  | { readonly kind: 'failed'; readonly endpoint?: string; readonly attempt: number; readonly error: { readonly name: string; readonly message: string } }
  | { readonly kind: 'data-lost'; readonly ref: string; readonly store: string; readonly producer?: string };

/** Where a dispatcher reports each state change of a call: the journal's {@link Recorder}, or a simulation's. */
export interface CallRecorder {
  record(call: RecordedCall, r: CallRecord, at?: number): void;
}

/**
 * Turns each state change of a call into its journal row (queued for the
 * journal's next group commit) and its run event, from one typed record, so
 * the journal and the event stream always tell the same story.
 *
 * @example
 * ```ts
 * const recorder = new Recorder(runId, journal, events);
 * recorder.record(call, { kind: 'attempt-started', endpoint: 'hpc', attempt: 1 });
 * ```
 */
export class Recorder implements CallRecorder {
  constructor(readonly runId: string, private readonly journal: Journal, private readonly events: RunEvents) {}

  record(call: RecordedCall, r: CallRecord, at = Date.now()): void {
    const { runId } = this;
    const { callId } = call;
    const taskId = call.def.id;
    const journal = this.journal;
    // Events are built only when someone listens: building them costs more than the rest of a no-op call's bookkeeping.
    switch (r.kind) {
      case 'submitted':
        journal.insertCall(runId, { callId, seq: r.seq, taskId, dependsOn: r.dependsOn, at });
        if (this.wants('task:submitted')) this.events.emitEvent({ type: 'task:submitted', runId, callId, taskId, at, dependsOn: r.dependsOn });
        return;
      case 'state':
        // A call's readiness is kept in its row, not as an event row (one per call): Journal.events lists it from there.
        if (r.state === 'ready' && r.callKey !== undefined) return journal.readyCall(runId, callId, r.callKey, at);
        journal.setCallState(runId, callId, r.state, r.callKey);
        return journal.recordEvent(runId, { callId, at, type: `task:${r.state}` });
      case 'placed': {
        const p = r.predicted;
        journal.placeCall(runId, callId, { endpoint: r.endpoint, attempt: r.attempt, predicted: p });
        if (this.wants('task:placed')) {
          this.events.emitEvent({ type: 'task:placed', runId, callId, taskId, at, endpoint: r.endpoint, attempt: r.attempt, reason: r.reason, predictedSeconds: p.seconds, predictedUsd: p.usd, predictedJoules: p.joules });
        }
        return;
      }
      case 'attempt-started':
        journal.recordAttempt(runId, { callId, attempt: r.attempt, endpoint: r.endpoint, at });
        if (this.wants('attempt:started')) this.events.emitEvent({ type: 'attempt:started', runId, callId, taskId, at, endpoint: r.endpoint, attempt: r.attempt });
        return;
      case 'done': {
        const t = r.timings;
        journal.finishAttempt(runId, {
          callId, attempt: r.attempt, state: 'done', startedAt: t.startedAt, endedAt: t.endedAt ?? at, queueSeconds: t.queueSeconds,
          runSeconds: r.runSeconds, coldStartSeconds: t.coldStartSeconds, usd: r.usd, joules: r.joules,
        });
        journal.finishCall(runId, { callId, state: 'done', endpoint: r.endpoint, at, runSeconds: r.runSeconds, usd: r.usd, joules: r.joules, result: r.result });
        if (r.cache) journal.cachePut(r.cache.key, r.cache.argsHash, r.result, at);
        if (this.wants('task:done')) this.events.emitEvent({ type: 'task:done', runId, callId, taskId, at, endpoint: r.endpoint, attempt: r.attempt, runSeconds: r.runSeconds, usd: r.usd, joules: r.joules });
        return;
      }
      case 'attempt-failed': {
        const e = r.error;
        journal.finishAttempt(runId, { callId, attempt: r.attempt, state: 'failed', endedAt: at, usd: r.usd, joules: r.joules, error: e });
        journal.recordEvent(runId, { callId, at, type: 'attempt:failed', data: { name: e.name, message: e.message, failure: e.failure, stack: e.stack, logRef: e.logRef } });
        if (this.wants('attempt:failed')) {
          this.events.emitEvent({ type: 'attempt:failed', runId, callId, taskId, at, endpoint: r.endpoint, attempt: r.attempt, error: { name: e.name, message: e.message, failure: e.failure }, willRetry: r.willRetry, logRef: e.logRef });
        }
        return;
      }
      case 'settled-from-journal': {
        journal.finishCall(runId, { callId, state: r.state, at, runSeconds: 0, usd: 0, joules: 0, result: r.result });
        const type = r.state === 'cached' ? 'task:cached' : 'task:replayed';
        if (this.wants(type)) this.events.emitEvent({ type, runId, callId, taskId, at });
        return;
      }
      case 'failed':
        journal.failCall(runId, { callId, at, error: r.error });
        journal.recordEvent(runId, { callId, at, type: 'task:failed', data: r.error });
        if (this.wants('task:failed')) this.events.emitEvent({ type: 'task:failed', runId, callId, taskId, at, endpoint: r.endpoint, attempt: r.attempt, error: r.error });
        return;
      case 'data-lost':
        // The journaled result's store no longer has it: the call runs again (lineage).
        return journal.recordEvent(runId, { callId, at, type: 'data:lost', data: { ref: r.ref, store: r.store, producer: r.producer ?? null } });
    }
  }

  private wants(type: RunEvent['type']): boolean {
    return this.events.listenerCount('event') > 0 || this.events.listenerCount(type) > 0;
  }
}
