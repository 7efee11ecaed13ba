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
export class Recorder {
  constructor(readonly runId: string, private readonly journal: Journal, private readonly events: RunEvents) {}

  record(call: RecordedCall, r: CallRecord, at = Date.now()): void {
    const { runId } = this;
    const { callId } = call;
    const taskId = call.def.id;
    const base = { runId, callId, taskId, at };
    switch (r.kind) {
      case 'submitted':
        this.journal.write((s) => s.insertCall.run(runId, callId, r.seq, taskId, 'waiting', JSON.stringify(r.dependsOn), at));
        return this.emit({ type: 'task:submitted', ...base, dependsOn: r.dependsOn });
      case 'state':
        return this.journal.write((s) => {
          s.callState.run(r.state, r.callKey ?? null, runId, callId);
          s.event.run(runId, callId, at, `task:${r.state}`, null);
        });
      case 'placed': {
        const p = r.predicted;
        this.journal.write((s) => s.callPlaced.run('queued', r.endpoint, r.attempt, p.seconds, p.usd, p.joules, null, runId, callId));
        return this.emit({ type: 'task:placed', ...base, endpoint: r.endpoint, attempt: r.attempt, reason: r.reason, predictedSeconds: p.seconds, predictedUsd: p.usd, predictedJoules: p.joules });
      }
      case 'attempt-started':
        this.journal.write((s) => {
          s.callState.run('running', null, runId, callId);
          s.insertAttempt.run(runId, callId, r.attempt, r.endpoint, at);
        });
        return this.emit({ type: 'attempt:started', ...base, endpoint: r.endpoint, attempt: r.attempt });
      case 'done': {
        const t = r.timings;
        this.journal.write((s) => {
          s.finishAttempt.run('done', t.startedAt ?? null, t.endedAt ?? at, t.queueSeconds ?? null, r.runSeconds, t.coldStartSeconds ?? null, r.usd, r.joules, null, runId, callId, r.attempt);
          s.callDone.run('done', r.endpoint, at, r.runSeconds, r.usd, r.joules, r.result, runId, callId);
          s.event.run(runId, callId, at, 'task:done', JSON.stringify({ endpoint: r.endpoint, attempt: r.attempt, runSeconds: r.runSeconds, usd: r.usd, joules: r.joules }));
          if (r.cache) s.cachePut.run(r.cache.key, r.cache.argsHash, r.result, at);
        });
        return this.emit({ type: 'task:done', ...base, endpoint: r.endpoint, attempt: r.attempt, runSeconds: r.runSeconds, usd: r.usd, joules: r.joules });
      }
      case 'attempt-failed': {
        const e = r.error;
        const detail = JSON.stringify({ name: e.name, message: e.message, failure: e.failure, stack: e.stack, logRef: e.logRef });
        this.journal.write((s) => {
          s.finishAttempt.run('failed', null, at, null, null, null, r.usd, r.joules, detail, runId, callId, r.attempt);
          s.event.run(runId, callId, at, 'attempt:failed', detail);
        });
        return this.emit({ type: 'attempt:failed', ...base, endpoint: r.endpoint, attempt: r.attempt, error: { name: e.name, message: e.message, failure: e.failure }, willRetry: r.willRetry, logRef: e.logRef });
      }
      case 'settled-from-journal':
        this.journal.write((s) => s.callDone.run(r.state, null, at, 0, 0, 0, r.result, runId, callId));
        return this.emit({ type: r.state === 'cached' ? 'task:cached' : 'task:replayed', ...base });
      case 'failed': {
        const error = JSON.stringify(r.error);
        this.journal.write((s) => {
          s.callFailed.run('failed', at, error, runId, callId);
          s.event.run(runId, callId, at, 'task:failed', error);
        });
        return this.emit({ type: 'task:failed', ...base, endpoint: r.endpoint, attempt: r.attempt, error: r.error });
      }
      case 'data-lost':
        // The journaled result's store no longer has it: the call runs again (lineage).
        return this.journal.write((s) => s.event.run(runId, callId, at, 'data:lost', JSON.stringify({ ref: r.ref, store: r.store, producer: r.producer ?? null })));
    }
  }

  private emit(event: RunEvent): void {
    // Building events nobody listens to costs more than the rest of a no-op call's bookkeeping.
    if (this.events.listenerCount('event') > 0 || this.events.listenerCount(event.type) > 0) this.events.emitEvent(event);
  }
}
