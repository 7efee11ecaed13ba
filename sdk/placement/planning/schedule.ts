import type { Instance } from './instance.js';
import { commSeconds, commUsd } from './instance.js';
import type { Plan, PlannedTask } from './plan.js';

/**
 * A schedule under construction: worker timelines per endpoint, finish times,
 * warm task types and spend. All planners build plans through it, so they
 * agree on how time and money are counted.
 */
export class Schedule {
  readonly finish: Float64Array;
  readonly start: Float64Array;
  readonly ready: Float64Array;
  readonly endpointOf: Int32Array;
  readonly cold: Float64Array;
  /** Dollars paid to move each placed task's inputs to it. */
  readonly movedUsd: Float64Array;
  usd = 0;
  joules = 0;
  private readonly starts: number[][][];
  private readonly ends: number[][][];
  private readonly warm: Uint8Array;

  constructor(readonly inst: Instance) {
    this.finish = new Float64Array(inst.n);
    this.start = new Float64Array(inst.n);
    this.ready = new Float64Array(inst.n);
    this.cold = new Float64Array(inst.n);
    this.movedUsd = new Float64Array(inst.n);
    this.endpointOf = new Int32Array(inst.n).fill(-1);
    this.starts = Array.from(inst.workers, (w) => Array.from({ length: w }, () => []));
    this.ends = Array.from(inst.workers, (w) => Array.from({ length: w }, () => []));
    this.warm = new Uint8Array(inst.m * inst.types);
  }

  /** When all of task i's inputs can be on endpoint e (its predecessors must be placed). */
  dataReady(i: number, e: number): number {
    const inst = this.inst;
    let t = inst.inputS[i * inst.m + e]!;
    for (let p = inst.predStart[i]!; p < inst.predStart[i + 1]!; p++) {
      const j = inst.predIdx[p]!;
      const at = this.finish[j]! + commSeconds(inst, inst.predEdge[p]!, this.endpointOf[j]!, e);
      if (at > t) t = at;
    }
    return t;
  }

  /** Latest finish of task i's predecessors (when it becomes ready, data aside). */
  predsDone(i: number): number {
    const inst = this.inst;
    let t = 0;
    for (let p = inst.predStart[i]!; p < inst.predStart[i + 1]!; p++) t = Math.max(t, this.finish[inst.predIdx[p]!]!);
    return t;
  }

  /** Cold start seconds task i pays on e now. */
  coldFor(i: number, e: number): number {
    return this.warm[e * this.inst.types + this.inst.type[i]!] ? 0 : this.inst.coldS[i * this.inst.m + e]!;
  }

  /** Worker and start found by the last {@link slot} call (kept in fields: this runs n*m times). */
  slotWorker = 0;
  slotStart = 0;

  /** Earliest start on e at or after `ready` for `dur` seconds: in a gap (insertion) or after the last task. */
  slot(e: number, ready: number, dur: number, insertion: boolean): number {
    let best = Infinity;
    let bestW = 0;
    const W = this.starts[e]!;
    for (let w = 0; w < W.length; w++) {
      const s = W[w]!;
      const en = this.ends[e]![w]!;
      let t: number;
      if (!insertion || s.length === 0) t = Math.max(ready, s.length ? en[en.length - 1]! : 0);
      else {
        let lo = 0; let hi = en.length;
        while (lo < hi) { const mid = (lo + hi) >> 1; if (en[mid]! <= ready) lo = mid + 1; else hi = mid; }
        t = ready;
        for (let k = lo; k < s.length; k++) {
          if (s[k]! - t >= dur) break;
          if (en[k]! > t) t = en[k]!;
          if (t >= best) break;
        }
      }
      if (t < best) { best = t; bestW = w; if (t <= ready) break; }
    }
    this.slotWorker = bestW;
    this.slotStart = best;
    return best;
  }

  /** Earliest finish of task i on e, without committing. */
  finishOn(i: number, e: number, insertion: boolean): number {
    const ready = this.dataReady(i, e);
    this.lastReady = ready;
    const dur = this.inst.exec[i * this.inst.m + e]! + this.coldFor(i, e);
    return this.slot(e, ready, dur, insertion) + dur;
  }

  /** Data-ready time found by the last {@link finishOn} call. */
  lastReady = 0;

  /** Cost of task i on e, counting the cold start it would pay there and moving its inputs there. */
  usdOn(i: number, e: number): number {
    const inst = this.inst;
    return inst.usd[i * inst.m + e]! + (this.coldFor(i, e) > 0 ? inst.coldUsd[i * inst.m + e]! : 0) + this.moveUsd(i, e);
  }

  /** Dollars to bring task i's inputs to e (egress; its predecessors must be placed). */
  moveUsd(i: number, e: number): number {
    const inst = this.inst;
    let usd = inst.inputUsd[i * inst.m + e]!;
    for (let p = inst.predStart[i]!; p < inst.predStart[i + 1]!; p++) usd += commUsd(inst, inst.predEdge[p]!, this.endpointOf[inst.predIdx[p]!]!, e);
    return usd;
  }

  /** Places task i on e at `start` on `worker`. */
  commit(i: number, e: number, worker: number, start: number, ready: number): void {
    const inst = this.inst;
    const cold = this.coldFor(i, e);
    const moved = this.moveUsd(i, e);
    const end = start + inst.exec[i * inst.m + e]! + cold;
    const s = this.starts[e]![worker]!;
    const en = this.ends[e]![worker]!;
    let k = s.length;
    while (k > 0 && s[k - 1]! > start) k--;
    s.splice(k, 0, start);
    en.splice(k, 0, end);
    this.start[i] = start;
    this.finish[i] = end;
    this.ready[i] = ready;
    this.cold[i] = cold;
    this.endpointOf[i] = e;
    this.warm[e * inst.types + inst.type[i]!] = 1;
    this.movedUsd[i] = moved;
    this.usd += inst.usd[i * inst.m + e]! + (cold > 0 ? inst.coldUsd[i * inst.m + e]! : 0) + moved;
    this.joules += inst.joules[i * inst.m + e]! + (cold > 0 ? inst.coldJoules[i * inst.m + e]! : 0);
  }

  /** Places task i on e at its earliest finish there. */
  place(i: number, e: number, insertion: boolean): void {
    this.finishOn(i, e, insertion);
    this.commit(i, e, this.slotWorker, this.slotStart, this.lastReady);
  }

  /** Keeps a worker of e busy from start to end (a task already running there). */
  reserve(e: number, start: number, end: number): void {
    this.slot(e, start, end - start, true);
    const worker = this.slotWorker;
    const s = this.starts[e]![worker]!;
    let k = s.length;
    while (k > 0 && s[k - 1]! > start) k--;
    s.splice(k, 0, start);
    this.ends[e]![worker]!.splice(k, 0, end);
  }

  /** Marks a task type as warm on e (it ran there already). */
  markWarm(e: number, type: number): void {
    this.warm[e * this.inst.types + type] = 1;
  }

  /** Free time of each worker of e after its last task. */
  workerFree(e: number): number[] {
    return this.ends[e]!.map((en) => (en.length ? en[en.length - 1]! : 0));
  }

  /** The finished plan. */
  toPlan(policy: string, notes: readonly string[] = [], optimality?: Plan['optimality']): Plan {
    const inst = this.inst;
    const tasks: PlannedTask[] = [];
    let makespan = 0;
    for (let i = 0; i < inst.n; i++) {
      const e = this.endpointOf[i]!;
      if (e < 0) continue;
      const end = this.finish[i]!;
      if (end > makespan) makespan = end;
      const cold = this.cold[i]!;
      tasks.push({
        task: inst.ids[i]!, endpoint: inst.problem.endpoints[e]!.name, startS: this.start[i]!, endS: end,
        seconds: end - this.start[i]!, coldStartS: cold,
        transferS: Math.max(0, this.ready[i]! - this.predsDone(i)),
        usd: inst.usd[i * inst.m + e]! + (cold > 0 ? inst.coldUsd[i * inst.m + e]! : 0) + this.movedUsd[i]!,
        joules: inst.joules[i * inst.m + e]! + (cold > 0 ? inst.coldJoules[i * inst.m + e]! : 0),
      });
    }
    tasks.sort((a, b) => a.startS - b.startS || a.task.localeCompare(b.task));
    return { policy, makespanS: makespan, usd: this.usd, joules: this.joules, tasks, notes, ...(optimality ? { optimality } : {}) };
  }
}
