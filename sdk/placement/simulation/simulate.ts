import seedrandom from 'seedrandom';
import { PlanningInputError } from '../errors.js';
import { BudgetGuard } from '../budget-guard.js';
import { candidateOf } from '../candidate.js';
import { callInputsOf, callTask } from '../planning/call-inputs.js';
import { dataBlindProblem } from '../planning/data-blind.js';
import { commSeconds, commUsd, compile, type Instance } from '../planning/instance.js';
import { planWorkflow } from '../planning/plan-workflow.js';
import type { PlanEndpoint, PlanningProblem } from '../planning/problem.js';
import type { CandidateEndpoint, PlacementPolicy, WorkflowBudget } from '../policy.js';
import { createPolicy } from '../registry.js';
import { EventQueue } from './event-queue.js';

/** A simulated endpoint: a planning endpoint plus what only a simulation draws at random. */
export interface SimEndpoint extends PlanEndpoint {
  /** Probability that the endpoint is online for the run (default 1). */
  readonly availability?: number;
  /** Coefficient of variation of run times (lognormal noise, default 0). */
  readonly noiseCv?: number;
}

/** Options of {@link simulate}. */
export interface SimulateOptions {
  readonly policy: string | PlacementPolicy;
  readonly budget?: WorkflowBudget;
  readonly seed?: string | number;
  /** Solver time limit for `optimal`. */
  readonly timeLimitS?: number;
  /** Ablation: the policy places (and plans) as if data moved for free; the simulation still charges the real transfers. */
  readonly dataBlind?: boolean;
}

/** One task as it ran in the simulation. */
export interface SimPlacement {
  readonly task: string;
  readonly endpoint: string;
  readonly startS: number;
  readonly endS: number;
  readonly attempts: number;
  /** Seconds the task was expected to take there (run time plus cold start, before noise and preemptions). */
  readonly expectedS: number;
  /** What it was expected to cost there. */
  readonly expectedUsd: number;
  /** What it cost, preempted attempts included. */
  readonly usd: number;
  readonly joules: number;
}

/**
 * What a simulation measured. Field names are those of `corral simulate --json`.
 */
export interface SimulationResult {
  readonly simulated: true;
  readonly tasks: number;
  readonly policy: string;
  readonly makespanS: number;
  readonly costUsd: number;
  readonly joules: number;
  readonly budgetUsd: number | null;
  readonly placements: readonly SimPlacement[];
  readonly preemptions: number;
  readonly offline: readonly string[];
  readonly seed: string;
  /** Makespan the policy's plan predicted (whole-DAG policies), for comparison. */
  readonly plannedMakespanS?: number;
  /** Set when the budget guard stopped the run: the reason, naming the task. */
  readonly stoppedBy?: string;
  readonly notes: readonly string[];
}

/**
 * Discrete-event simulation of a workflow on simulated endpoints: workers,
 * speed, cold starts, transfers between groups, prices, spot preemptions
 * (attempts restart, the lost time is paid) and availability, all drawn from
 * a seeded generator so that a seed gives the same run. Whole-DAG policies
 * (heft, budget-heft, optimal) plan first and the simulation follows the
 * plan's order per endpoint; online policies decide as each task becomes
 * ready, seeing the queues as they are. A USD budget is kept by the budget
 * guard: calls degrade to cheaper endpoints, or the run stops with the reason.
 *
 * @example
 * ```ts
 * const r = await simulate({ graph: readWorkflowFile('Montage_25.xml'), endpoints }, { policy: 'delta', seed: 1 });
 * console.log(r.makespanS, r.costUsd);
 * ```
 */
export async function simulate(problem: Omit<PlanningProblem, 'endpoints'> & { readonly endpoints: readonly SimEndpoint[] }, options: SimulateOptions): Promise<SimulationResult> {
  const seed = String(options.seed ?? 1);
  const rng = seedrandom(seed);
  const offline = problem.endpoints.filter((e) => rng() >= (e.availability ?? 1)).map((e) => e.name);
  const endpoints = problem.endpoints.filter((e) => !offline.includes(e.name));
  if (endpoints.length === 0) throw new PlanningInputError('endpoints', `all ${problem.endpoints.length} endpoints are offline in this simulation (seed ${seed}): ${offline.join(', ')}`);
  const live = { ...problem, endpoints };
  const policy = typeof options.policy === 'string' ? createPolicy(options.policy) : options.policy;
  const notes: string[] = offline.length ? [`offline for this run: ${offline.join(', ')}`] : [];
  const inst = compile(live);
  const budgetUsd = options.budget?.usd;
  let plannedOrder: number[][] | undefined;
  let plannedMakespanS: number | undefined;
  let planned: Int32Array | undefined;
  if (policy.plan || options.budget) {
    // A budget no plan can meet fails here, before anything runs.
    const plan = await planWorkflow(options.dataBlind ? dataBlindProblem(live) : live, { policy, budget: options.budget, timeLimitS: options.timeLimitS });
    notes.push(...plan.notes);
    if (policy.plan) {
      plannedMakespanS = plan.makespanS;
      planned = new Int32Array(inst.n);
      plannedOrder = endpoints.map(() => []);
      for (const t of plan.tasks) {
        const i = inst.index.get(t.task)!;
        const e = endpoints.findIndex((x) => x.name === t.endpoint);
        planned[i] = e;
        plannedOrder[e]!.push(i);
      }
    }
  }
  if (options.dataBlind) notes.push('data-blind: placed as if data moved for free; transfers charged as they happen');
  const sim = new Run(inst, endpoints, rng, policy, budgetUsd === undefined ? undefined : new BudgetGuard({ usd: budgetUsd, onExceed: 'degrade', confidence: 0.5 }), plannedOrder, planned, options.dataBlind === true);
  sim.run();
  notes.push(...sim.notes);
  return {
    simulated: true, tasks: inst.n, policy: policy.name, makespanS: sim.makespan, costUsd: sim.usd, joules: sim.joules,
    budgetUsd: budgetUsd ?? null,
    placements: sim.placements.sort((a, b) => a.startS - b.startS || a.task.localeCompare(b.task)),
    preemptions: sim.preemptions, offline, seed,
    ...(plannedMakespanS !== undefined ? { plannedMakespanS } : {}),
    ...(sim.stopped ? { stoppedBy: sim.notes.at(-1) } : {}), notes,
  };
}

/** The state of one simulated run. */
class Run {
  makespan = 0;
  usd = 0;
  joules = 0;
  preemptions = 0;
  readonly placements: SimPlacement[] = [];
  readonly notes: string[] = [];
  private readonly events = new EventQueue();
  private readonly finish: Float64Array;
  private readonly endpointOf: Int32Array;
  private readonly missing: Int32Array;
  private readonly isReady: Uint8Array;
  private readonly busy: Int32Array;
  private readonly queues: number[][];
  private readonly heads: Int32Array;
  private readonly warm: Uint8Array;
  private readonly floorUsd: Float64Array;
  private readonly reserved: Float64Array;
  private unstartedFloor = 0;
  private committed = 0;
  private callNo = 0;

  constructor(
    private readonly inst: Instance,
    private readonly endpoints: readonly SimEndpoint[],
    private readonly rng: () => number,
    private readonly policy: PlacementPolicy,
    private readonly guard: BudgetGuard | undefined,
    plannedQueues: number[][] | undefined,
    private readonly planned: Int32Array | undefined,
    private readonly dataBlind: boolean,
  ) {
    const { n, m } = inst;
    this.finish = new Float64Array(n);
    this.endpointOf = new Int32Array(n).fill(-1);
    this.missing = new Int32Array(n);
    this.isReady = new Uint8Array(n);
    this.busy = new Int32Array(m);
    this.queues = plannedQueues ?? endpoints.map(() => []);
    this.heads = new Int32Array(m);
    this.warm = new Uint8Array(m * inst.types);
    this.floorUsd = new Float64Array(n);
    this.reserved = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      this.missing[i] = inst.predStart[i + 1]! - inst.predStart[i]!;
      let f = Infinity;
      for (let e = 0; e < m; e++) f = Math.min(f, inst.usd[i * m + e]!);
      this.floorUsd[i] = f;
      this.unstartedFloor += f;
    }
  }

  run(): void {
    for (let i = 0; i < this.inst.n; i++) if (this.missing[i] === 0) this.ready(i, 0);
    this.dispatchAll(0);
    while (this.events.size > 0) {
      const { at, task } = this.events.pop();
      this.done(task, at);
    }
    if (this.placements.length < this.inst.n && !this.stopped) {
      throw new Error(`simulation ended with ${this.inst.n - this.placements.length} task(s) never started (policy ${this.policy.name})`);
    }
  }

  stopped = false;

  private ready(i: number, now: number): void {
    this.isReady[i] = 1;
    if (this.planned) return;
    const e = this.choose(i, now);
    if (e < 0) return;
    this.endpointOf[i] = e;
    this.queues[e]!.push(i);
  }

  /** Online placement through the policy, within the budget guard. */
  private choose(i: number, now: number): number {
    const { inst } = this;
    const m = inst.m;
    const candidates: CandidateEndpoint[] = [];
    const index: number[] = [];
    for (let e = 0; e < m; e++) {
      const run = inst.exec[i * m + e]!;
      if (!Number.isFinite(run)) continue;
      const ep = this.endpoints[e]!;
      const queued = this.queues[e]!.length - this.heads[e]!;
      const cold = this.warm[e * inst.types + inst.type[i]!] ? 0 : inst.coldS[i * inst.m + e]!;
      const meanRun = this.meanQueued(e);
      candidates.push(candidateOf({
        name: ep.name, kind: 'simulated', workers: inst.workers[e]!, transferGroup: ep.transferGroup,
        busy: this.busy[e]!, queued, meanAheadS: meanRun,
        prediction: { seconds: run, stdev: 0, source: 'model' },
        coldStartS: cold, transferS: Math.max(0, this.dataReady(i, e) - now), transferUsd: this.moveUsd(i, e), dataBlind: this.dataBlind,
        cost: { usd: inst.usd[i * m + e]! + (cold > 0 ? inst.coldUsd[i * m + e]! : 0), seconds: run + cold, joules: inst.joules[i * m + e]! },
      }));
      index.push(e);
    }
    let allowed = candidates;
    const id = inst.ids[i]!;
    if (this.guard) {
      // The rest of the workflow at its cheapest: what must still fit after this task.
      const v = this.guard.check({ task: id, spent: { usd: this.usd }, committed: { usd: this.committed }, restUsd: { mean: this.unstartedFloor - this.floorUsd[i]! } }, candidates);
      if (v.action === 'stop') {
        this.notes.push(`budget: ${v.reason}`);
        this.stopped = true;
        return -1;
      }
      allowed = [...v.allowed];
    }
    const task = inst.problem.graph.node(id);
    const chosen = this.policy.place({
      task: callTask(`c${this.callNo++}`, task.type ?? id, this.dataBlind ? [] : callInputsOf(inst, i, this.endpointOf)),
      candidates: allowed, now,
      ...(this.guard ? { budget: { remainingUsd: this.guard.budget.usd! - this.usd - this.committed, onExceed: 'degrade' as const } } : {}),
    }).endpoint;
    const at = candidates.findIndex((c) => c.name === chosen);
    if (at < 0) throw new Error(`policy "${this.policy.name}" chose "${chosen}", not a candidate for task "${id}"`);
    // Queued calls hold their predicted cost, so calls placed at the same moment cannot all spend the same dollars.
    this.reserved[i] = candidates[at]!.cost.usd;
    this.committed += this.reserved[i]!;
    this.unstartedFloor -= this.floorUsd[i]!;
    return index[at]!;
  }

  private meanQueued(e: number): number {
    const q = this.queues[e]!;
    let s = 0; let c = 0;
    for (let k = this.heads[e]!; k < q.length; k++) { s += this.inst.exec[q[k]! * this.inst.m + e]!; c++; }
    return c ? s / c : 0;
  }

  private dataReady(i: number, e: number): number {
    const inst = this.inst;
    let t = inst.inputS[i * inst.m + e]!;
    for (let p = inst.predStart[i]!; p < inst.predStart[i + 1]!; p++) {
      const j = inst.predIdx[p]!;
      t = Math.max(t, this.finish[j]! + commSeconds(inst, inst.predEdge[p]!, this.endpointOf[j]!, e));
    }
    return t;
  }

  /** Dollars to bring task i's inputs to e (egress), parents where they ran. */
  private moveUsd(i: number, e: number): number {
    const inst = this.inst;
    let usd = inst.inputUsd[i * inst.m + e]!;
    for (let p = inst.predStart[i]!; p < inst.predStart[i + 1]!; p++) usd += commUsd(inst, inst.predEdge[p]!, this.endpointOf[inst.predIdx[p]!]!, e);
    return usd;
  }

  private dispatchAll(now: number): void {
    for (let e = 0; e < this.inst.m; e++) this.dispatch(e, now);
  }

  private dispatch(e: number, now: number): void {
    const { inst } = this;
    const q = this.queues[e]!;
    while (this.busy[e]! < inst.workers[e]! && this.heads[e]! < q.length && !this.stopped) {
      const i = q[this.heads[e]!]!;
      if (!this.isReady[i]) return;
      this.heads[e]! += 1;
      this.start(i, e, now);
    }
  }

  private start(i: number, e: number, now: number): void {
    const { inst } = this;
    const ep = this.endpoints[e]!;
    this.endpointOf[i] = e;
    this.busy[e]! += 1;
    if (this.planned) this.unstartedFloor -= this.floorUsd[i]!;
    this.committed -= this.reserved[i]!;
    const begin = Math.max(now, this.dataReady(i, e));
    const cold = this.warm[e * inst.types + inst.type[i]!] ? 0 : inst.coldS[i * inst.m + e]!;
    this.warm[e * inst.types + inst.type[i]!] = 1;
    const cv = ep.noiseCv ?? 0;
    const noise = cv > 0 ? Math.exp(gaussian(this.rng) * Math.sqrt(Math.log(1 + cv * cv)) - Math.log(1 + cv * cv) / 2) : 1;
    const work = inst.exec[i * inst.m + e]! * noise + cold;
    const rate = (ep.preemptionPerHour ?? 0) / 3600;
    let busyS = 0; let attempts = 1;
    for (;;) {
      const until = rate > 0 ? -Math.log(1 - this.rng()) / rate : Infinity;
      if (until >= work || attempts >= 50) { busyS += work; break; }
      busyS += until; attempts++; this.preemptions++;
    }
    const end = begin + busyS;
    const perS = inst.usd[i * inst.m + e]! / Math.max(1e-12, inst.exec[i * inst.m + e]!);
    const usd = (Number.isFinite(perS) ? (inst.exec[i * inst.m + e]! > 0 ? perS * busyS : 0) : 0) + this.moveUsd(i, e);
    const jPerS = inst.joules[i * inst.m + e]! / Math.max(1e-12, inst.exec[i * inst.m + e]!);
    this.committed += usd;
    this.events.push(end, i);
    const joules = inst.exec[i * inst.m + e]! > 0 ? jPerS * busyS : 0;
    const expectedUsd = inst.usd[i * inst.m + e]! + (cold > 0 ? inst.coldUsd[i * inst.m + e]! : 0) + this.moveUsd(i, e);
    this.placements.push({ task: inst.ids[i]!, endpoint: ep.name, startS: begin, endS: end, attempts, expectedS: inst.exec[i * inst.m + e]! + cold, expectedUsd, usd, joules });
    this.pending.set(i, { usd, joules });
  }

  private readonly pending = new Map<number, { usd: number; joules: number }>();

  private done(i: number, at: number): void {
    const { inst } = this;
    const e = this.endpointOf[i]!;
    this.busy[e]! -= 1;
    this.finish[i] = at;
    const paid = this.pending.get(i)!;
    this.pending.delete(i);
    this.committed -= paid.usd;
    this.usd += paid.usd;
    this.joules += paid.joules;
    if (at > this.makespan) this.makespan = at;
    for (let p = inst.succStart[i]!; p < inst.succStart[i + 1]!; p++) {
      const j = inst.succIdx[p]!;
      if (--this.missing[j]! === 0) this.ready(j, at);
    }
    this.dispatchAll(at);
  }
}

function gaussian(rng: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
}
