import type { ResolvedCostBudget } from '../../decorators/index.js';
import type { TaskDefinition, TaskLocator } from '../../graph/index.js';
import type { CallInput, Instance, PlacementPolicy, SimEndpoint } from '../../placement/index.js';
import type { CallState } from '../call-state.js';
import { Dispatcher } from '../dispatch/index.js';
import { EndpointSlot } from '../endpoint-slot.js';
import { BudgetExceededError } from '../errors.js';
import { VirtualClock } from './virtual-clock.js';
import { VirtualEndpoint } from './virtual-endpoint.js';
import { VirtualRecorder } from './virtual-recorder.js';
import { VirtualWorld } from './virtual-world.js';

/** Options of {@link runVirtual}. */
export interface VirtualRunOptions {
  readonly policy: PlacementPolicy;
  /** The workflow's USD budget: calls degrade to cheaper endpoints, or the run stops with the reason. */
  readonly budgetUsd?: number;
  /** The run's seeded generator (noise and preemptions). */
  readonly rng: () => number;
  /** Endpoint per task id from a whole-workflow plan: the dispatcher follows it. */
  readonly planned?: ReadonlyMap<string, string>;
  /** Ablation: the policy places as if data moved for free; transfers still take their time and egress is still paid. */
  readonly dataBlind?: boolean;
}

/** What a virtual run did, per task index and in total. */
export interface VirtualRunOutcome {
  readonly world: VirtualWorld;
  readonly recorded: VirtualRecorder;
  /** Tasks that finished (others were stopped by the budget or failed). */
  readonly done: Uint8Array;
  readonly notes: readonly string[];
  /** Set when the run stopped early: the first reason. */
  readonly stoppedBy?: string;
}

/** Preempted attempts restart up to this many times in all, as the simulator always allowed. */
const MAX_ATTEMPTS = 50;
const LOCATOR: TaskLocator = { module: 'corral:what-if', kind: 'function', member: 'virtual' };
/** A virtual call has no future: its outcome goes to the simulation's records only. */
const UNWATCHED = { settle: () => undefined };

/**
 * Runs a compiled workflow through corral's {@link Dispatcher} on a
 * {@link VirtualClock} with {@link VirtualEndpoint}s: each task is submitted
 * as a call when its parents are done, and the dispatcher builds its
 * candidates, keeps the budget, asks the policy, queues, starts, retries and
 * fails over exactly as in a real run; only time and endpoints are virtual.
 * The drivers of `corral simulate` and of `corral plan` for online policies.
 *
 * @example
 * ```ts
 * const out = await runVirtual(compile(problem), problem.endpoints, { policy: createPolicy('delta'), rng: seededRandom('1') });
 * ```
 */
export async function runVirtual(inst: Instance, endpoints: readonly SimEndpoint[], options: VirtualRunOptions): Promise<VirtualRunOutcome> {
  const clock = new VirtualClock();
  const world = new VirtualWorld(inst, endpoints, clock, options.dataBlind === true);
  const recorded = new VirtualRecorder(world);
  const slots = new Map(endpoints.map((ep, e) => [ep.name, new EndpointSlot<CallState>(new VirtualEndpoint(world, e, options.rng), world.costModel(e))]));
  const done = new Uint8Array(inst.n);
  const missing = Int32Array.from({ length: inst.n }, (_, i) => inst.predStart[i + 1]! - inst.predStart[i]!);
  const notes: string[] = [];
  let stoppedBy: string | undefined;
  const budget: ResolvedCostBudget | undefined = options.budgetUsd === undefined ? undefined
    : { usd: options.budgetUsd, scope: 'workflow', onExceed: 'degrade', confidence: 0.5 };
  const dispatcher = new Dispatcher({
    runId: 'what-if', recorder: recorded, clock, slots, predictor: world.predictor, overheads: world.overheads,
    policy: options.planned ? following(options.policy, options.planned) : options.policy,
    // No backoff: a retry is placed at once, so the run stays a function of its seed.
    retryBackoffS: 0, observers: [], writeWithJournal: (op) => op(), ...(budget ? { budget, restUsd: (call: CallState) => recorded.restUsd(call) } : {}),
    succeeded: (call) => {
      const i = call.seq;
      done[i] = 1;
      for (let p = inst.succStart[i]!; p < inst.succStart[i + 1]!; p++) {
        const j = inst.succIdx[p]!;
        if (--missing[j]! === 0) submit(j);
      }
    },
    failed: (call, error) => {
      const why = error instanceof BudgetExceededError ? `budget: ${error.message}` : `${inst.ids[call.seq]}: ${error instanceof Error ? error.message : String(error)}`;
      notes.push(why);
      stoppedBy ??= why;
    },
  });
  const submit = (i: number) => {
    if (stoppedBy === undefined) dispatcher.dispatch(callOf(inst, endpoints, i, world.inputsOf(i)));
  };
  for (let i = 0; i < inst.n; i++) if (missing[i] === 0) submit(i);
  await clock.run();
  const finished = done.reduce((s, x) => s + x, 0);
  if (finished < inst.n && stoppedBy === undefined) throw new Error(`virtual run ended with ${inst.n - finished} task(s) never run (policy ${options.policy.name})`);
  return { world, recorded, done, notes, ...(stoppedBy !== undefined ? { stoppedBy } : {}) };
}

/** Task i as a call: its task type is the task's id (a cold start is per type), and it may run where its run time is known. */
function callOf(inst: Instance, endpoints: readonly SimEndpoint[], i: number, inputs: readonly CallInput[]): CallState {
  const node = inst.problem.graph.node(inst.ids[i]!);
  const runnable = endpoints.filter((_, e) => Number.isFinite(inst.exec[i * inst.m + e]!)).map((ep) => ep.name);
  const def: TaskDefinition = {
    id: node.type ?? node.id, kind: 'function', member: node.id, implementation: () => null,
    remote: { cpus: 1, gpus: 0, retries: MAX_ATTEMPTS - 1, retryOn: [], cache: false, keep: 'client', ...(runnable.length < endpoints.length ? { endpoints: runnable } : {}) },
  };
  return {
    runId: 'what-if', callId: node.id, seq: i, def, locator: LOCATOR, dependsOn: [], args: [i], state: 'ready', attempt: 0,
    features: { task: i }, inputBytes: inputs.reduce((n, x) => n + x.bytes, 0), outcome: UNWATCHED,
  };
}

/** A whole-workflow policy's plan, followed call by call; a call the plan does not cover is placed by the policy itself. */
function following(policy: PlacementPolicy, planned: ReadonlyMap<string, string>): PlacementPolicy {
  return {
    name: policy.name,
    place(ctx) {
      const endpoint = planned.get(ctx.task.callId);
      if (endpoint !== undefined && ctx.candidates.some((c) => c.name === endpoint)) return { endpoint, reason: `${policy.name}: as planned` };
      return policy.place(ctx);
    },
  };
}
