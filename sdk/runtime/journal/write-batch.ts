import type { JournalStatements } from './statements.js';

/** What one group commit changes in a call's row; unset fields keep their stored value. */
export interface CallPatch {
  readonly runId: string;
  readonly callId: string;
  /** Present when the row is new in this batch: then the patch is inserted, not applied as an update. */
  insert?: { seq: number; taskId: string; dependsOn: string; submittedAt: number };
  state?: string;
  callKey?: string;
  readyAt?: number;
  endpoint?: string;
  attempts?: number;
  predictedSeconds?: number;
  predictedUsd?: number;
  predictedJoules?: number;
  startedAt?: number;
  endedAt?: number;
  runSeconds?: number;
  usd?: number;
  joules?: number;
  result?: Buffer;
  error?: string;
}

/** An attempt's row as one group commit leaves it. */
export interface AttemptPatch {
  readonly runId: string;
  readonly callId: string;
  readonly attempt: number;
  /** Present when the row is new in this batch. */
  insert?: { endpoint: string; submittedAt: number };
  state: string;
  startedAt?: number | null;
  endedAt?: number | null;
  queueSeconds?: number | null;
  runSeconds?: number | null;
  coldStartSeconds?: number | null;
  usd?: number | null;
  joules?: number | null;
  error?: string | null;
}

/** An event row. */
export type EventValues = readonly [runId: string, callId: string | null, at: number, type: string, data: string | null];

/**
 * The writes of one group commit. The state changes of a call made in one
 * turn of the event loop fold into one row write (an insert when the call is
 * new, else one update), and new rows go in multi-row inserts: a no-op call
 * costs a few statements, not one per state change. Everything still commits
 * in one transaction, so a crash keeps all of a batch or none of it.
 */
export class WriteBatch {
  // By run, then call (and attempt): no key string is built per state change.
  private readonly calls = new Map<string, Map<string, CallPatch>>();
  private readonly attempts = new Map<string, Map<string, AttemptPatch[]>>();
  private callCount = 0;
  private attemptCount = 0;
  private readonly events: EventValues[] = [];
  private readonly ops: Array<(s: JournalStatements) => void> = [];

  get empty(): boolean {
    return this.writes === 0;
  }

  /** Rows this batch writes (other writes counted as one each). */
  get writes(): number {
    return this.ops.length + this.callCount + this.attemptCount + this.events.length;
  }

  /** The pending change of a call's row in this batch, if it has one. */
  find(runId: string, callId: string): CallPatch | undefined {
    return this.calls.get(runId)?.get(callId);
  }

  /** The pending change of a call's row, created on first use in this batch. */
  call(runId: string, callId: string): CallPatch {
    const run = this.callsOf(runId);
    let patch = run.get(callId);
    if (!patch) {
      run.set(callId, (patch = { runId, callId }));
      this.callCount++;
    }
    return patch;
  }

  /** The pending change of an attempt's row; `start` marks a new row. */
  attempt(runId: string, callId: string, attempt: number, state: string): AttemptPatch {
    let run = this.attempts.get(runId);
    if (!run) this.attempts.set(runId, (run = new Map()));
    // A call's attempts in one batch: almost always one.
    let ofCall = run.get(callId);
    if (!ofCall) run.set(callId, (ofCall = []));
    let patch = ofCall.find((a) => a.attempt === attempt);
    if (!patch) {
      ofCall.push((patch = { runId, callId, attempt, state }));
      this.attemptCount++;
    }
    patch.state = state;
    return patch;
  }

  event(values: EventValues): void {
    this.events.push(values);
  }

  /** Any other write (a run's row, the cache, a co-located store), in order. */
  op(write: (s: JournalStatements) => void): void {
    this.ops.push(write);
  }

  /**
   * Applies the batch through `s` (inside the caller's transaction). New call
   * rows for which `hold` is true are not written: they are returned, for the
   * next batch to carry.
   */
  apply(s: JournalStatements, hold?: (c: CallPatch) => boolean): CallPatch[] {
    for (const op of this.ops) op(s);
    const newCalls: CallPatch[] = [];
    const held: CallPatch[] = [];
    for (const run of this.calls.values()) {
      for (const c of run.values()) {
        if (!c.insert) s.updateCall(c);
        else if (hold?.(c)) held.push(c);
        else newCalls.push(c);
      }
    }
    s.insertCalls(newCalls);
    const newAttempts: AttemptPatch[] = [];
    for (const run of this.attempts.values()) {
      for (const ofCall of run.values()) {
        for (const a of ofCall) {
          if (a.insert) newAttempts.push(a);
          else s.updateAttempt(a);
        }
      }
    }
    s.insertAttempts(newAttempts);
    s.insertEvents(this.events);
    return held;
  }

  /** Takes in a new call's pending row that an earlier batch held back. */
  carry(patch: CallPatch): void {
    this.callsOf(patch.runId).set(patch.callId, patch);
    this.callCount++;
  }

  private callsOf(runId: string): Map<string, CallPatch> {
    let run = this.calls.get(runId);
    if (!run) this.calls.set(runId, (run = new Map()));
    return run;
  }
}
