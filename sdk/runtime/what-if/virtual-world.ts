import type { CostModel } from '../../pricing/index.js';
import { callInputsOf, commSeconds, commUsd, defaultCost, type CallInput, type Instance, type SimEndpoint } from '../../placement/index.js';
import type { Predictor } from '../../profiling/index.js';
import type { CallState } from '../call-state.js';
import type { DispatchOverheads } from '../dispatch/index.js';
import type { VirtualClock } from './virtual-clock.js';

/**
 * What a what-if run knows of its workflow and endpoints, and what happened
 * so far: run seconds, prices and cold starts from the compiled workflow;
 * where and when each task ran; which endpoints are warm for which task type.
 * It answers the dispatcher through the same seams a real run fills from
 * profiles and measurements: a {@link Predictor}, a {@link CostModel} per
 * endpoint and {@link DispatchOverheads} (cold start, and the seconds and
 * egress dollars of moving each input from where it lives or its parent ran).
 * A call's `features.task` is its task index. Data-blind, the policy is told
 * data moves for free (no inputs, transfers or egress in its candidates), while
 * the endpoints still wait for the data and the run still pays its egress.
 *
 * @example
 * ```ts
 * const world = new VirtualWorld(compile(problem), problem.endpoints, new VirtualClock());
 * world.predictor.predict('mProject', { task: 0 }, description).seconds;
 * ```
 */
export class VirtualWorld {
  /** Per task (last successful attempt): endpoint index, start and end seconds, cold start, seconds waited for inputs. */
  readonly ranOn: Int32Array;
  readonly startS: Float64Array;
  readonly endS: Float64Array;
  readonly coldUsedS: Float64Array;
  readonly waitedS: Float64Array;
  private readonly warm: Uint8Array;
  private readonly endpointIndex: ReadonlyMap<string, number>;

  constructor(readonly inst: Instance, readonly endpoints: readonly SimEndpoint[], readonly clock: VirtualClock, readonly dataBlind = false) {
    const { n } = inst;
    this.ranOn = new Int32Array(n).fill(-1);
    this.startS = new Float64Array(n);
    this.endS = new Float64Array(n);
    this.coldUsedS = new Float64Array(n);
    this.waitedS = new Float64Array(n);
    this.warm = new Uint8Array(inst.m * inst.types);
    this.endpointIndex = new Map(endpoints.map((ep, e) => [ep.name, e]));
    if (dataBlind) this.overheads = { ...this.overheads, dataBlind };
  }

  nowS(): number { return this.clock.nowS(); }

  /** Index of an endpoint by name. */
  at(endpoint: string): number { return this.endpointIndex.get(endpoint)!; }

  /** When task i's inputs can all be on endpoint e: its outside inputs, and each parent's output moved from where the parent ran. */
  dataReady(i: number, e: number): number {
    const { inst } = this;
    let t = inst.inputS[i * inst.m + e]!;
    for (let p = inst.predStart[i]!; p < inst.predStart[i + 1]!; p++) {
      const j = inst.predIdx[p]!;
      t = Math.max(t, this.endS[j]! + commSeconds(inst, inst.predEdge[p]!, this.ranOn[j]!, e));
    }
    return t;
  }

  /** Dollars (egress) to bring task i's inputs to endpoint e: its outside inputs, and each parent's output from where the parent ran. */
  moveUsd(i: number, e: number): number {
    const { inst } = this;
    let usd = inst.inputUsd[i * inst.m + e]!;
    for (let p = inst.predStart[i]!; p < inst.predStart[i + 1]!; p++) usd += commUsd(inst, inst.predEdge[p]!, this.ranOn[inst.predIdx[p]!]!, e);
    return usd;
  }

  /** Task i's inputs as its policy sees them: where each lives (parents where they ran), none when data-blind. */
  inputsOf(i: number): CallInput[] {
    return this.dataBlind ? [] : callInputsOf(this.inst, i, this.ranOn);
  }

  /** Cold start of task i on endpoint e now: none once its task type ran there. */
  coldS(i: number, e: number): number {
    const { inst } = this;
    return this.warm[e * inst.types + inst.type[i]!] ? 0 : inst.coldS[i * inst.m + e]!;
  }

  warmUp(i: number, e: number): void {
    this.warm[e * this.inst.types + this.inst.type[i]!] = 1;
  }

  /** Task i ran on endpoint e from `startS` to `endS`. */
  finished(i: number, e: number, at: { startS: number; endS: number; coldS: number; waitedS: number }): void {
    this.ranOn[i] = e;
    this.startS[i] = at.startS;
    this.endS[i] = at.endS;
    this.coldUsedS[i] = at.coldS;
    this.waitedS[i] = at.waitedS;
  }

  /** Run seconds of each task from the compiled workflow: the model the simulation runs by, so its predictions are exact. */
  readonly predictor: Predictor = {
    predict: (_task, features, endpoint) => ({ seconds: this.inst.exec[features.task! * this.inst.m + this.at(endpoint.name)]!, stdev: 0, source: 'model' }),
    observe: () => undefined,
  };

  readonly overheads: DispatchOverheads = {
    coldStartS: (endpoint, _task, _workers, call) => this.coldS(taskOf(call), this.at(endpoint)),
    transferS: (_group, _bytes, call, endpoint) => Math.max(0, this.dataReady(taskOf(call), this.at(endpoint)) - this.nowS()),
    transferUsd: (call, endpoint) => this.moveUsd(taskOf(call), this.at(endpoint)),
    inputs: (call) => this.inputsOf(taskOf(call)),
    observe: () => undefined,
  };

  /** The price of endpoint e's busy worker: the workflow's cost function (usdPerHour and watts by default). */
  costModel(e: number): CostModel {
    const cost = this.inst.problem.cost ?? defaultCost;
    const ep = this.inst.problem.endpoints[e]!;
    return { kind: 'simulated', estimate: (_d, seconds) => cost(ep, seconds) };
  }
}

/** The task index a what-if call carries. */
export function taskOf(call: Pick<CallState, 'features'>): number {
  return call.features.task!;
}
