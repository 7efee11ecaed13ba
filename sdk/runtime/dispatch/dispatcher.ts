import type { ResolvedCostBudget } from '../../decorators/index.js';
import type { TaskDefinition } from '../../graph/index.js';
import { attemptErrorFrom, type AttemptError, type Endpoint, type TaskHandle, type TaskResult, type TaskSpec } from '../../endpoints/index.js';
import { candidateOf, type CallInput, type CandidateEndpoint, type PlacementPolicy } from '../../placement/index.js';
import { observeAttempt, profileAttemptOf, type Predictor, type ProfileStore } from '../../profiling/index.js';
import { hashArguments } from '../call-arguments.js';
import type { CallOwner, CallState } from '../call-state.js';
import { callInputs, dataLocations } from '../data-plane/index.js';
import type { EndpointSlot } from '../endpoint-slot.js';
import { NoEndpointError, TaskFailedError, UnknownEndpointError } from '../errors.js';
import { encodeValue } from '../journal/index.js';
import { sourceStack } from '../source-stack.js';
import type { Replacer } from '../re-placement.js';
import { BudgetLedger } from './budget-ledger.js';
import type { Clock } from './clock.js';
import { isBilled, isRetryable } from './failure-kinds.js';
import { ProfileRows } from './profile-rows.js';
import type { CallRecorder } from './recorder.js';

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

/**
 * What a call costs before it runs besides its own work: the runtime's
 * measured cold starts and transfer links, or a simulation's virtual model
 * (which also reads the call and the endpoint, to know where its inputs are).
 */
export interface DispatchOverheads {
  coldStartS(endpoint: string, taskId: string, workers: number, call: CallState): number;
  /** Seconds to move the call's inputs (`inputs`: where each lives, as the policy sees them) to the endpoint in transfer group `group`. */
  transferS(group: string, bytes: number, call: CallState, endpoint: string, inputs: readonly CallInput[]): number;
  /** Dollars (egress) to move the call's inputs to the endpoint: priced in its candidate, billed when its attempt succeeds. */
  transferUsd?(call: CallState, endpoint: string, group: string, inputs: readonly CallInput[]): number;
  /**
   * Place as if data moved for free (the `--data-blind` ablation): candidates
   * carry no transfer seconds or dollars; the egress is still billed.
   */
  readonly dataBlind?: boolean;
  /** Where each of the call's inputs lives and its size, as the policy sees them. */
  inputs?(call: CallState): readonly CallInput[];
  observe(endpoint: string, taskId: string, coldStartSeconds: number | undefined): void;
}

/** What a dispatcher needs from its run and session. */
export interface DispatchContext {
  readonly runId: string;
  readonly recorder: CallRecorder;
  readonly clock: Clock;
  readonly slots: ReadonlyMap<string, EndpointSlot<CallState>>;
  readonly policy: PlacementPolicy;
  readonly predictor: Predictor;
  readonly retryBackoffS: number;
  readonly budget?: ResolvedCostBudget;
  readonly observers: ReadonlyArray<(record: AttemptRecord) => void>;
  /** Where every finished attempt is recorded for profiling (committed with the call's own state change). */
  readonly profiles?: ProfileStore;
  readonly writeWithJournal: (op: () => void) => void;
  readonly overheads?: DispatchOverheads;
  /**
   * USD the rest of the workflow needs at its cheapest after this call, when
   * the driver knows the whole graph (a simulation): the budget must still
   * cover it. A real run's graph unfolds as it goes, so it leaves this out.
   */
  readonly restUsd?: (call: CallState) => number;
  readonly replacer?: Replacer;
  /** The call finished: its value, journaled. */
  readonly succeeded: (call: CallState, value: unknown) => void;
  /** The call failed for good (no endpoint, budget, last attempt failed). */
  readonly failed: (call: CallState, error: unknown) => void;
  /** Starts an attempt on an endpoint (the run's data plane: inputs by reference); default `endpoint.submit`. */
  readonly submit?: (endpoint: Endpoint, call: CallState, spec: TaskSpec) => TaskHandle;
  /** An attempt's result as the run keeps it (the run's data plane: kept results become references); default the result itself. */
  readonly adopt?: (endpoint: Endpoint, call: CallState, result: TaskResult) => TaskResult | Promise<TaskResult>;
}

/**
 * corral's one dispatcher: for each ready call it builds the placement
 * candidates (prediction, cold start, queue wait, transfer, cost), keeps the
 * budget through the {@link BudgetLedger}, asks the policy, queues the call on
 * its endpoint, starts attempts when there is room, retries with backoff and
 * fails over, bills attempts, and feeds profiles and predictors. Every state
 * change goes through the {@link Recorder}. It runs on the clock it is given.
 *
 * @example
 * ```ts
 * const d = new Dispatcher({ runId, recorder, clock: wallClock, slots, policy, predictor, ... });
 * d.dispatch(call); // the call ends in ctx.succeeded or ctx.failed
 * ```
 */
export class Dispatcher implements CallOwner {
  readonly ledger: BudgetLedger;
  private readonly startedAt: number;
  private readonly profileRows?: ProfileRows;
  /** The session's endpoint slots, in order (they are fixed for a session). */
  private allSlots?: readonly EndpointSlot<CallState>[];

  constructor(private readonly ctx: DispatchContext) {
    this.ledger = new BudgetLedger(ctx.budget);
    this.startedAt = ctx.clock.now();
    if (ctx.profiles) this.profileRows = new ProfileRows(ctx.profiles, ctx.writeWithJournal);
  }

  get holdsBudget(): boolean { return this.ledger.guardsSpend; }

  /** Places a ready call and queues it on the chosen endpoint. */
  dispatch(call: CallState): void {
    let slot: EndpointSlot<CallState>;
    try {
      slot = this.choose(call);
    } catch (error) {
      this.ledger.release(call.callId);
      this.ctx.failed(call, error);
      return;
    }
    call.attempt++;
    call.endpoint = slot.name;
    call.state = 'queued';
    call.owner = this;
    slot.waiting.push(call);
    pump(slot);
  }

  /** Places a call that waits on its endpoint again; the slot has already let it go. */
  replace(call: CallState): void {
    this.unqueue(call);
    call.attempt--;
    this.dispatch(call);
  }

  private elapsedS(): number {
    return (this.ctx.clock.now() - this.startedAt) / 1000;
  }

  private choose(call: CallState): EndpointSlot<CallState> {
    const { def } = call;
    const { slots } = this.ctx;
    const allow = call.pinned ? [call.pinned] : def.remote?.endpoints;
    // Why each endpoint was unfit: built only when one is (every call comes through here).
    let reasons: Record<string, string> | undefined;
    if (allow) {
      for (const name of allow) {
        if (!slots.has(name)) throw new UnknownEndpointError(name, [...slots.keys()], call.pinned ? `${def.id} (pinned to its client's endpoint)` : `@remote({ endpoints }) of ${def.id}`);
      }
    }
    // Every slot fits (the usual case): the session's list of them, not a new one per call.
    const all = this.allSlots ??= [...slots.values()];
    let fits: EndpointSlot<CallState>[] | undefined;
    for (let i = 0; i < all.length; i++) {
      const slot = all[i]!;
      const why = unfit(call, slot, allow);
      if (why) {
        (reasons ??= {})[slot.name] = why;
        fits ??= all.slice(0, i);
      } else if (fits) {
        fits.push(slot);
      }
    }
    let feasible: readonly EndpointSlot<CallState>[] = fits ?? all;
    if (feasible.length === 0) throw new NoEndpointError(def.id, reasons ?? {});
    // Fail over: avoid endpoints where this call already failed, while others remain.
    const fresh = call.failedOn ? feasible.filter((s) => !call.failedOn!.has(s.name)) : feasible;
    if (fresh.length > 0) feasible = fresh;
    const now = this.elapsedS();
    const inputs = this.inputsOf(call);
    const candidates = feasible.map((slot) => this.candidate(call, slot, now, inputs));
    const allowed = this.ledger.allowed(def.id, call.callId, candidates, now, def.budget?.scope === 'call' ? def.budget : undefined, this.ctx.restUsd?.(call));
    const decision = this.ctx.policy.place({
      task: { callId: call.callId, taskId: def.id, attempt: call.attempt + 1, features: call.features, inputBytes: call.inputBytes, dataLocations: dataLocations(inputs), inputs },
      candidates: allowed, budget: this.ledger.remaining(now), now,
    });
    const chosen = allowed.find((c) => c.name === decision.endpoint);
    if (!chosen) {
      throw new UnknownEndpointError(decision.endpoint, allowed.map((c) => c.name), `placement policy "${this.ctx.policy.name}" for ${def.id}`);
    }
    call.predicted = { seconds: chosen.prediction.seconds, usd: chosen.cost.usd, joules: chosen.cost.joules, known: chosen.prediction.source !== 'prior' };
    // Admitted: the call holds its predicted cost until its attempt ends.
    this.ledger.reserve(call.callId, chosen.cost);
    this.ctx.recorder.record(call, { kind: 'placed', endpoint: chosen.name, attempt: call.attempt + 1, reason: decision.reason, predicted: call.predicted });
    return slots.get(chosen.name)!;
  }

  /** Where each of the call's inputs lives: a what-if run says (its call arguments are task indexes); a real run reads its arguments' references. */
  private inputsOf(call: CallState): readonly CallInput[] {
    return this.ctx.overheads?.inputs?.(call) ?? callInputs(call.args);
  }

  /** Egress dollars to bring the call's inputs to the slot's transfer group. */
  private transferUsd(call: CallState, slot: EndpointSlot<CallState>, inputs: readonly CallInput[]): number {
    return this.ctx.overheads?.transferUsd?.(call, slot.name, slot.description.transferGroup, inputs) ?? 0;
  }

  /** The call's candidate on a slot; with `z`, its run time is read at mean + z·stdev (the budget's confidence). */
  private candidate(call: CallState, slot: EndpointSlot<CallState>, now: number, inputs: readonly CallInput[], z = 0): CandidateEndpoint {
    const d = slot.description;
    const prediction = this.ctx.predictor.predict(call.def.id, call.features, d);
    const coldStartS = this.ctx.overheads?.coldStartS(slot.name, call.def.id, d.workers, call) ?? 0;
    // Each input moves from where it lives to the endpoint's transfer group (free inside it).
    const transferS = this.ctx.overheads?.transferS(d.transferGroup, call.inputBytes, call, slot.name, inputs) ?? 0;
    const transferUsd = this.transferUsd(call, slot, inputs);
    const seconds = prediction.seconds + (z > 0 ? z * (prediction.stdev ?? 0) : 0);
    // The worker is held (and billed) while it imports the task's code too.
    const cost = slot.costModel.estimate(d, seconds + coldStartS, new Date(this.startedAt + now * 1000));
    return candidateOf({
      name: slot.name, kind: d.kind, workers: d.workers, transferGroup: d.transferGroup,
      busy: slot.inFlight, queued: slot.waiting.length, prediction, coldStartS, transferS, transferUsd, dataBlind: this.ctx.overheads?.dataBlind, cost,
    });
  }

  /** Starts a queued call on its endpoint; a call under a budget is checked again first, with today's predictions. */
  start(slot: EndpointSlot<CallState>, call: CallState): void {
    if (this.holdsBudget) {
      try {
        const now = this.elapsedS();
        // Starting is the moment of commitment: price the run at its upper quantile too, not only the price.
        const [fits] = this.ledger.allowed(call.def.id, call.callId, [this.candidate(call, slot, now, this.inputsOf(call), this.ledger.runQuantileZ)], now, undefined);
        this.ledger.reserve(call.callId, fits!.cost);
      } catch (error) {
        // Nothing was started: an endpoint that still keeps the budget may take it (degrade), or it fails here.
        this.unqueue(call);
        if (this.ctx.budget?.onExceed === 'degrade') {
          (call.failedOn ??= new Set()).add(slot.name);
          call.attempt--;
          this.dispatch(call);
        } else {
          this.ctx.failed(call, error);
        }
        return;
      }
    }
    const attempt = call.attempt;
    const at = this.ctx.clock.now();
    call.state = 'running';
    call.attemptStartedAt = at;
    slot.inFlight++;
    this.ctx.recorder.record(call, { kind: 'attempt-started', endpoint: slot.name, attempt }, at);
    const spec: TaskSpec = {
      attemptId: `${this.ctx.runId}/${call.callId}/${attempt}`, callId: call.callId, taskId: call.def.id, attempt,
      locator: call.locator!, args: call.args, timeoutS: call.timeoutS ?? call.def.remote?.timeoutS,
    };
    const handle = this.ctx.submit ? this.ctx.submit(slot.endpoint, call, spec) : slot.endpoint.submit(spec);
    call.handle = handle;
    handle.result.then(
      (result) => this.adopted(slot, call, attempt, result),
      (error: unknown) => this.attemptFailed(slot, call, attempt, attemptErrorFrom(error)),
    );
  }

  /** The attempt's result, once the run has adopted it (at once, unless it is being stored); failing to adopt it fails the attempt. */
  private adopted(slot: EndpointSlot<CallState>, call: CallState, attempt: number, result: TaskResult): void {
    const { adopt } = this.ctx;
    if (!adopt) return this.attemptDone(slot, call, attempt, result);
    let kept: TaskResult | Promise<TaskResult>;
    try {
      kept = adopt(slot.endpoint, call, result);
    } catch (error) {
      return this.attemptFailed(slot, call, attempt, attemptErrorFrom(error));
    }
    if (!(kept instanceof Promise)) return this.attemptDone(slot, call, attempt, kept);
    kept.then(
      (r) => this.attemptDone(slot, call, attempt, r),
      (error: unknown) => this.attemptFailed(slot, call, attempt, attemptErrorFrom(error)),
    );
  }

  /** Cancels a call: its running attempt is cancelled (and fails as such); a call still waiting for room fails now. */
  cancel(call: CallState, reason: string): void {
    if (call.handle) {
      call.handle.cancel(reason);
      return;
    }
    const slot = call.endpoint ? this.ctx.slots.get(call.endpoint) : undefined;
    const at = slot ? slot.waiting.indexOf(call) : -1;
    if (slot && at >= 0) {
      slot.waiting.splice(at, 1);
      this.unqueue(call);
      this.ctx.failed(call, new Error(`${call.def.id} (${call.callId}) cancelled before it started: ${reason}`));
    }
  }

  private release(slot: EndpointSlot<CallState>, call: CallState): void {
    slot.inFlight--;
    this.ledger.release(call.callId);
    call.handle = undefined;
    pump(slot);
  }

  /** Takes a call that waits on its endpoint out of the line (it is being placed again). */
  private unqueue(call: CallState): void {
    this.ledger.release(call.callId);
  }

  private attemptDone(slot: EndpointSlot<CallState>, call: CallState, attempt: number, result: TaskResult): void {
    this.release(slot, call);
    const t = result.timings;
    const at = this.ctx.clock.now();
    const runSeconds = t.runSeconds ?? ((t.endedAt ?? at) - (t.startedAt ?? t.submittedAt)) / 1000;
    // The worker was held, and is paid for, while it loaded the task's code too: the candidate priced that cold start, so the bill does.
    const run = slot.costModel.estimate(slot.description, runSeconds + (t.coldStartSeconds ?? 0), new Date(t.startedAt ?? t.submittedAt));
    // The inputs crossed to this endpoint once, for the attempt that used them.
    const egressUsd = this.ctx.overheads?.transferUsd ? this.transferUsd(call, slot, this.inputsOf(call)) : 0;
    const cost = egressUsd > 0 ? { ...run, usd: run.usd + egressUsd } : run;
    this.ledger.charge(cost);
    this.observe(call, slot.name, attempt, 'ok', undefined, t, cost.usd, cost.joules);
    this.ctx.overheads?.observe(slot.name, call.def.id, t.coldStartSeconds);
    call.timings = t;
    const def = call.def;
    this.ctx.recorder.record(call, {
      kind: 'done', endpoint: slot.name, attempt, timings: t, runSeconds, usd: cost.usd, joules: cost.joules, result: encodeValue(result.value),
      cache: def.remote?.cache ? { key: cacheKey(def), argsHash: call.argsHash! } : undefined,
    }, at);
    this.ctx.succeeded(call, result.value);
    // A prior is expected to be wrong; a prediction from profiles or a model that misses this far is news.
    if (call.predicted?.known) this.ctx.replacer?.afterRun(def.id, slot.name, call.predicted.seconds, runSeconds);
  }

  private attemptFailed(slot: EndpointSlot<CallState>, call: CallState, attempt: number, error: AttemptError): void {
    this.release(slot, call);
    const willRetry = isRetryable(error, call.def.remote?.retryOn ?? []) && attempt <= (call.def.remote?.retries ?? 0);
    const at = this.ctx.clock.now();
    const cost = this.billFailed(slot, call, error, at);
    this.observe(call, slot.name, attempt, 'error', error.failure, { submittedAt: at }, cost.usd, cost.joules);
    const source = sourceStack(error.remoteStack, call.locator);
    this.ctx.recorder.record(call, {
      kind: 'attempt-failed', endpoint: slot.name, attempt, usd: cost.usd, joules: cost.joules, willRetry,
      error: { name: error.remoteName, message: error.message, failure: error.failure, stack: source.stack, logRef: error.logRef },
    }, at);
    if (!willRetry) {
      this.ctx.failed(call, new TaskFailedError(call.def.id, call.callId, slot.name, attempt, error.remoteName, error.message, source.stack, error.logRef, source.at));
      return;
    }
    (call.failedOn ??= new Set()).add(slot.name);
    call.state = 'retrying';
    this.ctx.recorder.record(call, { kind: 'state', state: 'retrying' }, at);
    const backoff = this.ctx.retryBackoffS * 2 ** (attempt - 1) * (0.8 + Math.random() * 0.4);
    // The call's future waits on this timer: it must keep the process alive.
    this.ctx.clock.after(Math.min(backoff, 10) * 1000, () => this.dispatch(call));
  }

  /**
   * A failed attempt is paid for the time it held its worker (a crash, an
   * error, a timeout, a preemption), not when it never ran (refused payload,
   * arguments that could not be sent, endpoint offline, cancelled).
   */
  private billFailed(slot: EndpointSlot<CallState>, call: CallState, error: AttemptError, at: number): { usd: number; joules: number } {
    if (!isBilled(error) || call.attemptStartedAt === undefined) return { usd: 0, joules: 0 };
    const seconds = Math.max(0, (at - call.attemptStartedAt) / 1000);
    const cost = slot.costModel.estimate(slot.description, seconds, new Date(call.attemptStartedAt));
    this.ledger.charge(cost);
    return { usd: cost.usd, joules: cost.joules };
  }

  private observe(call: CallState, endpoint: string, attempt: number, outcome: 'ok' | 'error', failure: string | undefined, timings: TaskResult['timings'], usd: number, joules: number): void {
    const record: AttemptRecord = { runId: this.ctx.runId, callId: call.callId, taskId: call.def.id, endpoint, attempt, features: call.features, inputBytes: call.inputBytes, outcome, failure, timings, usd, joules };
    const row = profileAttemptOf(record);
    observeAttempt(this.ctx.predictor, record, row.runSeconds);
    this.profileRows?.add(row);
    for (const observer of this.ctx.observers) {
      try { observer(record); } catch { /* an observer must never break a run */ }
    }
  }
}

/** Starts the calls waiting on a slot while it has room, each by the dispatcher of its own run. */
export function pump(slot: EndpointSlot<CallState>): void {
  while (slot.waiting.length > 0 && slot.roomFor(slot.waiting[0]!)) {
    const call = slot.waiting.shift()!;
    call.owner!.start(slot, call);
  }
}

/** The memo key of a cached task: its id and its implementation's text. */
export function cacheKey(def: TaskDefinition): string {
  return `${def.id}:${hashArguments([def.implementation.toString()])}`;
}

function unfit(call: CallState, slot: EndpointSlot<CallState>, allow: readonly string[] | undefined): string | undefined {
  if (allow && !allow.includes(slot.name)) return 'not in the task\'s endpoints allow-list';
  if (!slot.online) return slot.offlineReason ? `offline (${slot.offlineReason})` : 'offline';
  const hw = slot.description.hardware;
  const need = call.def.remote;
  if (need) {
    if (need.cpus > hw.cores) return `needs ${need.cpus} cpus, has ${hw.cores}`;
    if (need.memoryGiB !== undefined && hw.memoryGiB !== undefined && need.memoryGiB > hw.memoryGiB) return `needs ${need.memoryGiB} GiB, has ${hw.memoryGiB.toFixed(1)} GiB`;
    if (need.gpus > (hw.gpus ?? 0)) return `needs ${need.gpus} gpus, has ${hw.gpus ?? 0}`;
  }
  return undefined;
}
