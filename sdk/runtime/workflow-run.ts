import { definitionOfTarget, locatorOf as manifestLocator, type Manifest, type TaskDefinition, type TaskLocator } from '../graph/index.js';
import type { TaskCallHook, TaskTarget } from '../decorators/index.js';
import { checkArguments, hashArguments, parameterNames, pendingInputs } from './call-arguments.js';
import { callFeatures } from './call-features.js';
import { CallKeys, callKeyOf } from './call-keys.js';
import type { CallState } from './call-state.js';
import { Dispatcher, Recorder, cacheKey, wallClock, type BudgetLedger, type DispatchContext } from './dispatch/index.js';
import { TaskFailedError, UpstreamFailedError } from './errors.js';
import type { RunEvents } from './events.js';
import { encodeValue, decodeValue, type Journal } from './journal/index.js';
import { RunData, type SessionData } from './data-plane/index.js';
import { TaskFuture } from './task-future.js';
import { AttemptError, type TaskHandle, type TaskSpec } from '../endpoints/index.js';

export type { AttemptRecord } from './dispatch/index.js';

/** What a run needs from its session: what its dispatcher needs, and the journal, events, manifest and resume point. */
export type RunContext = Omit<DispatchContext, 'recorder' | 'clock' | 'writeWithJournal' | 'succeeded' | 'failed' | 'submit' | 'adopt'> & {
  readonly journal: Journal;
  /** The session's data plane: stores and the keep threshold. */
  readonly data: SessionData;
  readonly events: RunEvents;
  /** Build manifest: tasks it lists run from their bundles. */
  readonly manifest?: Manifest;
  /** First call sequence number (after a resume, past the calls already journaled). */
  readonly firstSeq: number;
  /** Replay finished calls from the journal (resume). */
  readonly replay: boolean;
};

/**
 * One run of a workflow: receives the decorated calls its orchestrator makes,
 * resolves their inputs, replays or reads cached results, and hands ready
 * calls to the run's {@link Dispatcher}. Finished calls live in the journal,
 * not here: the run holds no table of its calls (the futures its
 * orchestrator keeps, and the dispatcher's queues, are the per-call memory),
 * and counts replay keys only for calls in flight ({@link CallKeys}).
 */
export class WorkflowRun implements TaskCallHook {
  /** Task of each failed call, to name it in its dependants' errors. */
  private readonly failedTasks = new Map<string, string>();
  private seq: number;
  private outstanding = 0;
  private drained: Array<() => void> = [];
  /** Replay keys: counts the calls in flight, and asks the journal about finished ones. */
  private readonly callKeys: CallKeys;
  /** Where each task's code is, found once per task: a locator per call would hold its own copies of the paths. */
  private readonly locators = new Map<TaskDefinition, TaskLocator>();
  /** One function for every future of the run, not a closure per call. */
  private readonly materialize: (outcome: unknown) => unknown;
  private readonly recorder: Recorder;
  private readonly dispatcher: Dispatcher;
  /** Where this run's results stay, and what crossed between sites. */
  readonly data: RunData;
  failedCalls = 0;

  constructor(private readonly ctx: RunContext) {
    this.seq = ctx.firstSeq;
    this.callKeys = new CallKeys((prefix) => ctx.journal.lastOccurrence(ctx.runId, prefix, ctx.firstSeq));
    this.recorder = new Recorder(ctx.runId, ctx.journal, ctx.events);
    this.data = new RunData(ctx.data, ctx.journal, ctx.runId);
    this.materialize = (outcome) => this.data.materialize(outcome);
    this.dispatcher = new Dispatcher({
      ...ctx, recorder: this.recorder, clock: wallClock,
      writeWithJournal: (op) => ctx.journal.write(op),
      succeeded: (call, value) => this.succeed(call, value),
      failed: (call, error) => this.fail(call, error),
      submit: (endpoint, call, spec) => this.data.submit(endpoint, call, spec),
      adopt: (endpoint, call, result) => this.data.adopt(endpoint, call, result),
    });
  }

  get runId(): string { return this.ctx.runId; }

  /** Spent and committed money and energy of this run. */
  get spend(): BudgetLedger { return this.dispatcher.ledger; }

  /** The call hook: a decorated method or function was called inside this run. */
  call(target: TaskTarget, _self: unknown, args: unknown[]): unknown {
    return this.submit(definitionOfTarget(target), args);
  }

  /**
   * Submits a call that must run on one endpoint, from a given locator: a
   * federated client's training, run where the client's data is. It goes
   * through the dispatcher like any call (attempt rows, profiles, budget,
   * retries on that endpoint) and answers as an endpoint would.
   */
  submitPinned(def: TaskDefinition, spec: Pick<TaskSpec, 'locator' | 'args' | 'timeoutS'>, endpoint: string): TaskHandle {
    const call = this.newCall(def, spec.args, { pinned: endpoint, locator: spec.locator, timeoutS: spec.timeoutS });
    // Answers as an endpoint would: the value with its timings, or the attempt's own error.
    const result = call.future.then(
      (value) => ({ value, timings: call.state.timings ?? { submittedAt: Date.now() } }),
      (error: unknown) => { throw error instanceof TaskFailedError ? new AttemptError(error.remoteMessage, 'error', error.remoteName, error.remoteStack, error.logRef) : error; },
    );
    this.ready(call.state);
    return { attemptId: call.state.callId, result, cancel: (reason) => this.dispatcher.cancel(call.state, reason ?? 'cancelled') };
  }

  /** Submits one call and returns its future. */
  submit(def: TaskDefinition, args: readonly unknown[]): TaskFuture<unknown> {
    const inputs = pendingInputs(args);
    const { state: call, future } = this.newCall(def, args, undefined, inputs ? inputs.futures.map((f) => f.callId) : []);
    if (!inputs) {
      this.ready(call);
    } else {
      inputs.resolve().then((resolved) => {
        call.args = resolved;
        this.ready(call);
      }, (error: unknown) => this.fail(call, this.upstreamError(call, error)));
    }
    return future;
  }

  private newCall(def: TaskDefinition, args: readonly unknown[], extra: Partial<CallState> | undefined, dependsOn: readonly string[] = NO_DEPENDENCIES): { state: CallState; future: TaskFuture<unknown> } {
    const seq = this.seq++;
    const callId = `c${seq}`;
    // A kept result reaches the orchestrating code only when it awaits the future.
    const { future, outcome } = TaskFuture.create<unknown>(callId, def.id, this.materialize);
    // Every field a call will hold, named now: fields added as the call goes each grow its property store again.
    const call: CallState = {
      runId: this.runId, callId, seq, def, locator: undefined, dependsOn, args, state: 'waiting', attempt: 0,
      features: NO_FEATURES, inputBytes: 0, failedOn: undefined, endpoint: undefined, argsHash: undefined, occurrence: undefined,
      inputRefs: undefined, predicted: undefined, handle: undefined, attemptStartedAt: undefined, owner: undefined,
      pinned: undefined, timeoutS: undefined, timings: undefined, outcome,
    };
    if (extra) Object.assign(call, extra);
    this.outstanding++;
    this.recorder.record(call, { kind: 'submitted', seq, dependsOn });
    return { state: call, future };
  }

  /** The run is over: releases the data it made (kept for `cache: true`). */
  endData(): Promise<void> {
    return this.data.endRun();
  }

  /** Resolves once every call submitted so far has settled. */
  drain(): Promise<void> {
    if (this.outstanding === 0) return Promise.resolve();
    return new Promise((resolve) => this.drained.push(resolve));
  }

  private ready(call: CallState): void {
    try {
      call.locator ??= this.locatorOf(call.def);
      checkArguments(call.def.id, call.args, parameterNames(call.def.implementation));
      const { features, inputBytes } = callFeatures(call.def, call.args);
      call.features = features;
      call.inputBytes = inputBytes;
      call.argsHash = hashArguments(call.args);
      this.data.need(call);
    } catch (error) {
      this.fail(call, error);
      return;
    }
    call.occurrence = this.callKeys.acquire(call.def.id, call.argsHash!);
    const callKey = callKeyOf(call)!;
    const done = this.ctx.replay ? this.ctx.journal.doneCallsByKey(this.runId, callKey)[0] : undefined;
    const hit = !done && call.def.remote?.cache ? this.ctx.journal.cacheGet(cacheKey(call.def), call.argsHash!) : undefined;
    const stored = done ? { value: decodeValue(done.result), state: 'replayed' as const } : hit ? { value: hit.value, state: 'cached' as const } : undefined;
    if (!stored) {
      this.transition(call, 'ready', callKey);
      this.dispatcher.dispatch(call);
      return;
    }
    const ref = this.data.refOf(stored.value);
    if (!ref) {
      this.transition(call, stored.state, callKey);
      this.settleFromJournal(call, stored.value, stored.state);
      return;
    }
    // A journaled reference is only as good as its store: a lost one is recomputed from its producer (lineage).
    void this.data.alive(ref).then((alive) => {
      if (alive) {
        this.data.track(ref, call.def.remote?.cache ?? false);
        this.transition(call, stored.state, callKey);
        this.settleFromJournal(call, stored.value, stored.state);
        return;
      }
      this.recorder.record(call, { kind: 'data-lost', ref: ref.id, store: ref.store, producer: ref.producer });
      this.transition(call, 'ready', callKey);
      this.dispatcher.dispatch(call);
    });
  }

  private locatorOf(def: TaskDefinition): TaskLocator {
    let locator = this.locators.get(def);
    if (!locator) this.locators.set(def, (locator = locatorOf(def, this.ctx.manifest)));
    return locator;
  }

  private settleFromJournal(call: CallState, value: unknown, state: 'cached' | 'replayed'): void {
    this.recorder.record(call, { kind: 'settled-from-journal', state, result: encodeValue(value) });
    this.succeed(call, value, state);
  }

  private succeed(call: CallState, value: unknown, state: 'done' | 'cached' | 'replayed' = 'done'): void {
    call.state = state;
    void this.data.settled(call);
    // Dependants see a result only once the journal holds it.
    this.ctx.journal.afterCommit((journalError) => {
      if (journalError) call.outcome.settle(false, journalError);
      else call.outcome.settle(true, value);
      this.settled(call);
    });
  }

  private fail(call: CallState, error: unknown): void {
    call.state = 'failed';
    void this.data.settled(call);
    this.failedCalls++;
    this.failedTasks.set(call.callId, call.def.id);
    const e = error instanceof Error ? error : new Error(String(error));
    this.recorder.record(call, { kind: 'failed', endpoint: call.endpoint, attempt: call.attempt, error: { name: e.name, message: e.message } });
    this.ctx.journal.afterCommit(() => {
      call.outcome.settle(false, e);
      this.settled(call);
    });
  }

  /** The call is over and its rows have committed: the journal holds its replay key from now on. */
  private settled(call: CallState): void {
    if (call.occurrence !== undefined) this.callKeys.release(call.def.id, call.argsHash!, call.occurrence);
    if (--this.outstanding === 0) for (const done of this.drained.splice(0)) done();
  }

  private transition(call: CallState, state: 'ready' | 'cached' | 'replayed', callKey: string): void {
    call.state = state;
    this.recorder.record(call, { kind: 'state', state, callKey });
  }

  private upstreamError(call: CallState, error: unknown): Error {
    if (error instanceof TaskFailedError || error instanceof UpstreamFailedError) {
      return new UpstreamFailedError(call.def.id, call.callId, this.failedTasks.get(error.callId) ?? error.taskId, error.callId, error);
    }
    const e = error instanceof Error ? error : new Error(String(error));
    const failed = call.dependsOn.find((id) => this.failedTasks.has(id));
    return new UpstreamFailedError(call.def.id, call.callId, failed ? this.failedTasks.get(failed)! : '(a promise argument)', failed ?? '-', e);
  }
}

/** The features of a call not yet ready (it gets its own when it is). */
const NO_FEATURES: Record<string, number> = Object.freeze({}) as Record<string, number>;

/** The inputs of a call that waits on no other call: one shared array, not one per call. */
const NO_DEPENDENCIES: readonly string[] = Object.freeze([]);

function locatorOf(def: TaskDefinition, manifest: Manifest | undefined): TaskLocator {
  if (!def.source) throw new Error(`cannot tell which module defines ${def.id}: corral decorators must be applied in a module file`);
  if (manifest?.tasks.some((t) => t.id === def.id)) {
    const built = manifestLocator(manifest, def.id);
    // A bundle only stands in for the very module this session loaded.
    if (built.module === def.source.file) return built;
  }
  return { module: def.source.file, kind: def.kind, className: def.className, member: def.member };
}
