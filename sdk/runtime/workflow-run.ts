import { definitionOfTarget, locatorOf as manifestLocator, type Manifest, type TaskDefinition, type TaskLocator } from '../graph/index.js';
import { AttemptError, attemptErrorFrom, type TaskResult } from '../endpoints/index.js';
import type { ResolvedCostBudget, TaskCallHook, TaskTarget } from '../decorators/index.js';
import type { PlacementPolicy, CandidateEndpoint } from '../placement/index.js';
import { recordAttempt, type Predictor, type ProfileStore } from '../profiling/index.js';
import { checkArguments, hashArguments, parameterNames, pendingInputs } from './call-arguments.js';
import { callFeatures } from './call-features.js';
import type { CallOverheads } from './call-overheads.js';
import type { CallState } from './call-state.js';
import { keepWithinBudget, type Spend } from './budget-guard.js';
import type { EndpointSlot } from './endpoint-slot.js';
import type { Replacer } from './re-placement.js';
import { NoEndpointError, TaskFailedError, UnknownEndpointError, UpstreamFailedError } from './errors.js';
import type { RunEvent, RunEvents, TaskState } from './events.js';
import { encodeValue, decodeValue, type Journal } from './journal/index.js';
import { TaskFuture } from './task-future.js';

/** A finished attempt, as observers (profile store, predictors) receive it. */
export interface AttemptRecord {
  readonly runId: string;
  readonly callId: string;
  readonly taskId: string;
  readonly endpoint: string;
  readonly attempt: number;
  readonly features: Readonly<Record<string, number>>;
  readonly inputBytes: number;
  readonly outcome: 'ok' | 'error';
  readonly failure?: string;
  readonly timings: TaskResult['timings'];
  readonly usd: number;
  readonly joules: number;
}

/** What a run needs from its session. */
export interface RunContext {
  readonly runId: string;
  readonly journal: Journal;
  readonly events: RunEvents;
  readonly slots: ReadonlyMap<string, EndpointSlot<CallState>>;
  readonly policy: PlacementPolicy;
  readonly predictor: Predictor;
  readonly retryBackoffS: number;
  readonly budget?: ResolvedCostBudget;
  readonly observers: ReadonlyArray<(record: AttemptRecord) => void>;
  /** Where every finished attempt is recorded for profiling. */
  readonly profiles?: ProfileStore;
  /** Build manifest: tasks it lists run from their bundles. */
  readonly manifest?: Manifest;
  /** Cold start and input transfer of a call on each endpoint. */
  readonly overheads?: CallOverheads;
  /** Places waiting calls again when a run ends far from its prediction. */
  readonly replacer?: Replacer;
  /** First call sequence number (after a resume, past the calls already journaled). */
  readonly firstSeq: number;
  /** Replay finished calls from the journal (resume). */
  readonly replay: boolean;
}

/**
 * One run of a workflow: receives the decorated calls its orchestrator makes,
 * resolves their inputs, places them, dispatches attempts, retries and fails
 * over, keeps the budget, and records every state change in the journal.
 */
export class WorkflowRun implements TaskCallHook {
  private readonly calls = new Map<string, CallState>();
  private seq: number;
  private outstanding = 0;
  private drained: Array<() => void> = [];
  private readonly occurrences = new Map<string, number>();
  private readonly startedAt = Date.now();
  readonly spend: Spend = { usd: 0, joules: 0, committedUsd: 0, committedJoules: 0 };
  failedCalls = 0;

  constructor(private readonly ctx: RunContext) {
    this.seq = ctx.firstSeq;
  }

  get runId(): string { return this.ctx.runId; }

  /** The call hook: a decorated method or function was called inside this run. */
  call(target: TaskTarget, _self: unknown, args: unknown[]): unknown {
    return this.submit(definitionOfTarget(target), args);
  }

  /** Submits one call and returns its future. */
  submit(def: TaskDefinition, args: readonly unknown[]): TaskFuture<unknown> {
    const seq = this.seq++;
    const callId = `c${seq}`;
    const { future, resolve, reject } = TaskFuture.create<unknown>(callId, def.id);
    future.catch(() => { /* failures are journaled and reach whoever awaits the future */ });
    const inputs = pendingInputs(args);
    const dependsOn = inputs ? inputs.futures.map((f) => f.callId) : [];
    const call: CallState = {
      runId: this.runId, callId, seq, def, dependsOn, args, state: 'waiting', attempt: 0,
      features: {}, inputBytes: 0, failedOn: new Set(), resolve, reject,
    };
    this.calls.set(callId, call);
    this.outstanding++;
    const at = Date.now();
    this.ctx.journal.write((s) => s.insertCall.run(this.runId, callId, seq, def.id, 'waiting', JSON.stringify(dependsOn), at));
    this.emit({ type: 'task:submitted', runId: this.runId, callId, taskId: def.id, at, dependsOn });
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

  /** Resolves once every call submitted so far has settled. */
  drain(): Promise<void> {
    if (this.outstanding === 0) return Promise.resolve();
    return new Promise((resolve) => this.drained.push(resolve));
  }

  private ready(call: CallState): void {
    try {
      call.locator = locatorOf(call.def, this.ctx.manifest);
      checkArguments(call.def.id, call.args, parameterNames(call.def.implementation));
      const { features, inputBytes } = callFeatures(call.def, call.args);
      call.features = features;
      call.inputBytes = inputBytes;
      call.argsHash = hashArguments(call.args);
    } catch (error) {
      this.fail(call, error);
      return;
    }
    const base = `${call.def.id}:${call.argsHash}`;
    const n = (this.occurrences.get(base) ?? 0) + 1;
    this.occurrences.set(base, n);
    const callKey = `${base}:${n}`;
    if (this.ctx.replay) {
      const done = this.ctx.journal.doneCallsByKey(this.runId, callKey)[0];
      if (done) {
        this.transition(call, 'replayed', callKey);
        this.succeed(call, decodeValue(done.result), 'replayed');
        return;
      }
    }
    if (call.def.remote?.cache) {
      const hit = this.ctx.journal.cacheGet(cacheKey(call.def), call.argsHash!);
      if (hit) {
        this.transition(call, 'cached', callKey);
        this.succeed(call, hit.value, 'cached');
        return;
      }
    }
    this.transition(call, 'ready', callKey);
    this.place(call);
  }

  private place(call: CallState): void {
    let slot: EndpointSlot<CallState>;
    try {
      slot = this.choose(call);
    } catch (error) {
      this.fail(call, error);
      return;
    }
    call.attempt++;
    call.endpoint = slot.name;
    call.state = 'queued';
    call.replace = () => {
      call.attempt--;
      this.place(call);
    };
    slot.waiting.push(call);
    this.pump(slot);
  }

  private choose(call: CallState): EndpointSlot<CallState> {
    const { def } = call;
    const allow = def.remote?.endpoints;
    const reasons: Record<string, string> = {};
    if (allow) {
      for (const name of allow) {
        if (!this.ctx.slots.has(name)) throw new UnknownEndpointError(name, [...this.ctx.slots.keys()], `@remote({ endpoints }) of ${def.id}`);
      }
    }
    let feasible: EndpointSlot<CallState>[] = [];
    for (const slot of this.ctx.slots.values()) {
      const why = unfit(def, slot, allow);
      if (why) reasons[slot.name] = why;
      else feasible.push(slot);
    }
    if (feasible.length === 0) throw new NoEndpointError(def.id, reasons);
    // Fail over: avoid endpoints where this call already failed, while others remain.
    const fresh = feasible.filter((s) => !call.failedOn.has(s.name));
    if (fresh.length > 0) feasible = fresh;
    const now = (Date.now() - this.startedAt) / 1000;
    const candidates = feasible.map((slot) => this.candidate(call, slot, now));
    const allowed = keepWithinBudget(def.id, candidates, this.spend, now, this.ctx.budget, def.budget?.scope === 'call' ? def.budget : undefined);
    const decision = this.ctx.policy.place({
      task: { callId: call.callId, taskId: def.id, attempt: call.attempt + 1, features: call.features, inputBytes: call.inputBytes, dataLocations: [] },
      candidates: allowed,
      budget: this.ctx.budget ? {
        remainingUsd: this.ctx.budget.usd === undefined ? undefined : this.ctx.budget.usd - this.spend.usd - this.spend.committedUsd,
        remainingJoules: this.ctx.budget.joules === undefined ? undefined : this.ctx.budget.joules - this.spend.joules - this.spend.committedJoules,
        remainingSeconds: this.ctx.budget.deadlineS === undefined ? undefined : this.ctx.budget.deadlineS - now,
        onExceed: this.ctx.budget.onExceed,
      } : undefined,
      now,
    });
    const chosen = allowed.find((c) => c.name === decision.endpoint);
    if (!chosen) {
      throw new UnknownEndpointError(decision.endpoint, allowed.map((c) => c.name), `placement policy "${this.ctx.policy.name}" for ${def.id}`);
    }
    call.predicted = { seconds: chosen.prediction.seconds, usd: chosen.cost.usd, joules: chosen.cost.joules, known: chosen.prediction.source !== 'prior' };
    const at = Date.now();
    const p = call.predicted;
    this.ctx.journal.write((s) => s.callPlaced.run('queued', chosen.name, call.attempt + 1, p.seconds, p.usd, p.joules, null, this.runId, call.callId));
    this.emit({ type: 'task:placed', runId: this.runId, callId: call.callId, taskId: def.id, at, endpoint: chosen.name, attempt: call.attempt + 1, reason: decision.reason, predictedSeconds: p.seconds, predictedUsd: p.usd, predictedJoules: p.joules });
    return this.ctx.slots.get(chosen.name)!;
  }

  private candidate(call: CallState, slot: EndpointSlot<CallState>, now: number): CandidateEndpoint {
    const d = slot.description;
    const prediction = this.ctx.predictor.predict(call.def.id, call.features, d);
    const coldStartS = this.ctx.overheads?.coldStartS(slot.name, call.def.id, d.workers) ?? 0;
    const transferS = this.ctx.overheads?.transferS(d.transferGroup, call.inputBytes) ?? 0;
    // The worker is held (and billed) while it imports the task's code too.
    const cost = slot.costModel.estimate(d, prediction.seconds + coldStartS, new Date(this.startedAt + now * 1000));
    const ahead = Math.max(0, slot.load - d.workers + 1);
    return {
      name: slot.name, kind: d.kind, workers: d.workers, transferGroup: d.transferGroup,
      load: slot.load, idleWorkers: Math.max(0, d.workers - slot.inFlight),
      prediction, queueWaitS: (ahead / d.workers) * prediction.seconds, coldStartS, transferS, cost,
    };
  }

  private pump(slot: EndpointSlot<CallState>): void {
    while (slot.hasRoom && slot.waiting.length > 0) this.start(slot, slot.waiting.shift()!);
  }

  private start(slot: EndpointSlot<CallState>, call: CallState): void {
    const attempt = call.attempt;
    const at = Date.now();
    call.state = 'running';
    call.attemptStartedAt = at;
    slot.inFlight++;
    const p = call.predicted;
    if (p) {
      this.spend.committedUsd += p.usd;
      this.spend.committedJoules += p.joules;
    }
    this.ctx.journal.write((s) => {
      s.callState.run('running', null, this.runId, call.callId);
      s.insertAttempt.run(this.runId, call.callId, attempt, slot.name, at);
    });
    this.emit({ type: 'attempt:started', runId: this.runId, callId: call.callId, taskId: call.def.id, at, endpoint: slot.name, attempt });
    const handle = slot.endpoint.submit({
      attemptId: `${this.runId}/${call.callId}/${attempt}`, callId: call.callId, taskId: call.def.id, attempt,
      locator: call.locator!, args: call.args, timeoutS: call.def.remote?.timeoutS,
    });
    call.handle = handle;
    handle.result.then(
      (result) => this.attemptDone(slot, call, attempt, result),
      (error: unknown) => this.attemptFailed(slot, call, attempt, attemptErrorFrom(error)),
    );
  }

  private release(slot: EndpointSlot<CallState>, call: CallState): void {
    slot.inFlight--;
    const p = call.predicted;
    if (p) {
      this.spend.committedUsd -= p.usd;
      this.spend.committedJoules -= p.joules;
    }
    this.pump(slot);
  }

  private attemptDone(slot: EndpointSlot<CallState>, call: CallState, attempt: number, result: TaskResult): void {
    this.release(slot, call);
    const t = result.timings;
    const runSeconds = t.runSeconds ?? ((t.endedAt ?? Date.now()) - (t.startedAt ?? t.submittedAt)) / 1000;
    const cost = slot.costModel.estimate(slot.description, runSeconds, new Date(t.startedAt ?? t.submittedAt));
    this.spend.usd += cost.usd;
    this.spend.joules += cost.joules;
    this.observe(call, slot.name, attempt, 'ok', undefined, t, cost.usd, cost.joules);
    this.ctx.overheads?.observe(slot.name, call.def.id, t.coldStartSeconds);
    const at = Date.now();
    const blob = encodeValue(result.value);
    this.ctx.journal.write((s) => {
      s.finishAttempt.run('done', t.startedAt ?? null, t.endedAt ?? at, t.queueSeconds ?? null, runSeconds, t.coldStartSeconds ?? null, cost.usd, cost.joules, null, this.runId, call.callId, attempt);
      s.callDone.run('done', slot.name, at, runSeconds, cost.usd, cost.joules, blob, this.runId, call.callId);
      s.event.run(this.runId, call.callId, at, 'task:done', JSON.stringify({ endpoint: slot.name, attempt, runSeconds, usd: cost.usd, joules: cost.joules }));
      if (call.def.remote?.cache) s.cachePut.run(cacheKey(call.def), call.argsHash!, blob, at);
    });
    this.emit({ type: 'task:done', runId: this.runId, callId: call.callId, taskId: call.def.id, at, endpoint: slot.name, attempt, runSeconds, usd: cost.usd, joules: cost.joules });
    this.succeed(call, result.value, 'done');
    // A prior is expected to be wrong; a prediction from profiles or a model that misses this far is news.
    if (call.predicted?.known) this.ctx.replacer?.afterRun(call.def.id, slot.name, call.predicted.seconds, runSeconds);
  }

  private attemptFailed(slot: EndpointSlot<CallState>, call: CallState, attempt: number, error: AttemptError): void {
    this.release(slot, call);
    const retries = call.def.remote?.retries ?? 0;
    const retryOn = call.def.remote?.retryOn ?? [];
    const retryable = !['serialization', 'payload', 'cancelled'].includes(error.failure)
      && (retryOn.length === 0 || retryOn.includes(error.remoteName));
    const willRetry = retryable && attempt <= retries;
    const at = Date.now();
    const detail = JSON.stringify({ name: error.remoteName, message: error.message, failure: error.failure, stack: error.remoteStack, logRef: error.logRef });
    const cost = this.billFailed(slot, call, error, at);
    this.observe(call, slot.name, attempt, 'error', error.failure, { submittedAt: at }, cost.usd, cost.joules);
    this.ctx.journal.write((s) => {
      s.finishAttempt.run('failed', null, at, null, null, null, cost.usd, cost.joules, detail, this.runId, call.callId, attempt);
      s.event.run(this.runId, call.callId, at, 'attempt:failed', detail);
    });
    this.emit({ type: 'attempt:failed', runId: this.runId, callId: call.callId, taskId: call.def.id, at, endpoint: slot.name, attempt, error: { name: error.remoteName, message: error.message, failure: error.failure }, willRetry, logRef: error.logRef });
    if (!willRetry) {
      this.fail(call, new TaskFailedError(call.def.id, call.callId, slot.name, attempt, error.remoteName, error.message, error.remoteStack, error.logRef));
      return;
    }
    call.failedOn.add(slot.name);
    this.transition(call, 'retrying');
    const backoff = this.ctx.retryBackoffS * 2 ** (attempt - 1) * (0.8 + Math.random() * 0.4);
    setTimeout(() => this.place(call), Math.min(backoff, 10) * 1000).unref();
  }

  /**
   * A failed attempt is paid for the time it held its worker (a crash, an
   * error, a timeout, a preemption), not when it never ran (refused payload,
   * arguments that could not be sent, endpoint offline, cancelled).
   */
  private billFailed(slot: EndpointSlot<CallState>, call: CallState, error: AttemptError, at: number): { usd: number; joules: number } {
    if (!BILLED_FAILURES.has(error.failure) || call.attemptStartedAt === undefined) return { usd: 0, joules: 0 };
    const seconds = Math.max(0, (at - call.attemptStartedAt) / 1000);
    const cost = slot.costModel.estimate(slot.description, seconds, new Date(call.attemptStartedAt));
    this.spend.usd += cost.usd;
    this.spend.joules += cost.joules;
    return { usd: cost.usd, joules: cost.joules };
  }

  private succeed(call: CallState, value: unknown, state: TaskState): void {
    if (state !== 'done') {
      const at = Date.now();
      this.ctx.journal.write((s) => s.callDone.run(state, null, at, 0, 0, 0, encodeValue(value), this.runId, call.callId));
      this.emit({ type: state === 'cached' ? 'task:cached' : 'task:replayed', runId: this.runId, callId: call.callId, taskId: call.def.id, at });
    }
    call.state = state;
    // Dependants see a result only once the journal holds it.
    this.ctx.journal.afterCommit((journalError) => {
      if (journalError) call.reject(journalError);
      else call.resolve(value);
      this.settled();
    });
  }

  private fail(call: CallState, error: unknown): void {
    call.state = 'failed';
    this.failedCalls++;
    const at = Date.now();
    const e = error instanceof Error ? error : new Error(String(error));
    this.ctx.journal.write((s) => {
      s.callFailed.run('failed', at, JSON.stringify({ name: e.name, message: e.message }), this.runId, call.callId);
      s.event.run(this.runId, call.callId, at, 'task:failed', JSON.stringify({ name: e.name, message: e.message }));
    });
    this.emit({ type: 'task:failed', runId: this.runId, callId: call.callId, taskId: call.def.id, at, endpoint: call.endpoint, attempt: call.attempt, error: { name: e.name, message: e.message } });
    this.ctx.journal.afterCommit(() => {
      call.reject(e);
      this.settled();
    });
  }

  private settled(): void {
    if (--this.outstanding === 0) for (const done of this.drained.splice(0)) done();
  }

  private transition(call: CallState, state: TaskState, callKey?: string): void {
    call.state = state;
    const at = Date.now();
    this.ctx.journal.write((s) => {
      s.callState.run(state, callKey ?? null, this.runId, call.callId);
      s.event.run(this.runId, call.callId, at, `task:${state}`, null);
    });
  }

  private upstreamError(call: CallState, error: unknown): Error {
    if (error instanceof TaskFailedError || error instanceof UpstreamFailedError) {
      const upstream = this.calls.get(error.callId);
      return new UpstreamFailedError(call.def.id, call.callId, upstream?.def.id ?? error.taskId, error.callId, error);
    }
    const e = error instanceof Error ? error : new Error(String(error));
    const failed = call.dependsOn.map((id) => this.calls.get(id)).find((c) => c?.state === 'failed');
    return new UpstreamFailedError(call.def.id, call.callId, failed?.def.id ?? '(a promise argument)', failed?.callId ?? '-', e);
  }

  private observe(call: CallState, endpoint: string, attempt: number, outcome: 'ok' | 'error', failure: string | undefined, timings: TaskResult['timings'], usd: number, joules: number): void {
    const record: AttemptRecord = { runId: this.runId, callId: call.callId, taskId: call.def.id, endpoint, attempt, features: call.features, inputBytes: call.inputBytes, outcome, failure, timings, usd, joules };
    recordAttempt(undefined, this.ctx.predictor, record);
    const profiles = this.ctx.profiles;
    // The profile row commits with the call's own state change, in the same group transaction.
    if (profiles) this.ctx.journal.write(() => recordAttempt(profiles, undefined, record));
    for (const observer of this.ctx.observers) {
      try { observer(record); } catch { /* an observer must never break a run */ }
    }
  }

  private emit(event: RunEvent): void {
    if (this.ctx.events.listenerCount('event') > 0 || this.ctx.events.listenerCount(event.type) > 0) this.ctx.events.emitEvent(event);
  }
}

/** Failures after which the endpoint had run the attempt, so its time is billed. */
const BILLED_FAILURES: ReadonlySet<string> = new Set(['error', 'crash', 'timeout', 'preempted']);

function locatorOf(def: TaskDefinition, manifest: Manifest | undefined): TaskLocator {
  if (!def.source) throw new Error(`cannot tell which module defines ${def.id}: corral decorators must be applied in a module file`);
  if (manifest?.tasks.some((t) => t.id === def.id)) {
    const built = manifestLocator(manifest, def.id);
    // A bundle only stands in for the very module this session loaded.
    if (built.module === def.source.file) return built;
  }
  return { module: def.source.file, kind: def.kind, className: def.className, member: def.member };
}

function cacheKey(def: TaskDefinition): string {
  return `${def.id}:${hashArguments([def.implementation.toString()])}`;
}

function unfit(def: TaskDefinition, slot: EndpointSlot<CallState>, allow: readonly string[] | undefined): string | undefined {
  if (allow && !allow.includes(slot.name)) return 'not in the task\'s endpoints allow-list';
  if (!slot.online) return slot.offlineReason ? `offline (${slot.offlineReason})` : 'offline';
  const hw = slot.description.hardware;
  const need = def.remote;
  if (need) {
    if (need.cpus > hw.cores) return `needs ${need.cpus} cpus, has ${hw.cores}`;
    if (need.memoryGiB !== undefined && hw.memoryGiB !== undefined && need.memoryGiB > hw.memoryGiB) return `needs ${need.memoryGiB} GiB, has ${hw.memoryGiB.toFixed(1)} GiB`;
    if (need.gpus > (hw.gpus ?? 0)) return `needs ${need.gpus} gpus, has ${hw.gpus ?? 0}`;
  }
  return undefined;
}
