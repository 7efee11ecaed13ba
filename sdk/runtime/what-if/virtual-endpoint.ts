import { AttemptError, type Endpoint, type EndpointDescription, type EndpointStatus, type TaskHandle, type TaskResult, type TaskSpec } from '../../endpoints/index.js';
import type { VirtualWorld } from './virtual-world.js';

/**
 * One simulated endpoint on virtual time, behind the same {@link Endpoint}
 * seam as a real one: its workers take attempts in arrival order; an attempt
 * holds its worker while its inputs arrive, warms the task type (cold start),
 * runs the compiled run time with lognormal noise (`noiseCv`) and may be
 * preempted at the endpoint's spot rate (the attempt then fails as
 * `preempted`, billed, and the dispatcher retries or fails over as in a real
 * run). Draws come from the run's seeded generator. Never presented as real.
 *
 * @example
 * ```ts
 * const slot = new EndpointSlot(new VirtualEndpoint(world, 0, rng), world.costModel(0));
 * ```
 */
export class VirtualEndpoint implements Endpoint {
  readonly kind = 'simulated';
  readonly name: string;
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly world: VirtualWorld, private readonly e: number, private readonly rng: () => number) {
    this.name = world.endpoints[e]!.name;
  }

  private get workers(): number { return this.world.inst.workers[this.e]!; }

  describe(): EndpointDescription {
    const ep = this.world.endpoints[this.e]!;
    return {
      name: ep.name, kind: this.kind, workers: this.workers, transferGroup: ep.transferGroup, hardware: { cores: 1 },
      labels: { simulated: 'true', speed: String(ep.speed) },
    };
  }

  async status(): Promise<EndpointStatus> {
    return { online: true, totalWorkers: this.workers, idleWorkers: Math.max(0, this.workers - this.running), queued: this.waiting.length };
  }

  submit(spec: TaskSpec): TaskHandle {
    const submittedS = this.world.nowS();
    const result = new Promise<TaskResult>((resolve, reject) => {
      const begin = () => this.begin(spec, submittedS, resolve, reject);
      if (this.running < this.workers) begin();
      else this.waiting.push(begin);
    });
    // A what-if run never cancels: its attempts end when virtual time reaches them.
    return { attemptId: spec.attemptId, result, cancel: () => undefined };
  }

  async close(): Promise<void> {}

  private begin(spec: TaskSpec, submittedS: number, resolve: (r: TaskResult) => void, reject: (e: unknown) => void): void {
    this.running++;
    const { world, e } = this;
    const { inst } = world;
    const i = Number(spec.args[0]);
    const ep = world.endpoints[e]!;
    const now = world.nowS();
    const startS = Math.max(now, world.dataReady(i, e));
    const coldS = world.coldS(i, e);
    world.warmUp(i, e);
    const cv = ep.noiseCv ?? 0;
    const runS = inst.exec[i * inst.m + e]! * (cv > 0 ? lognormal(this.rng, cv) : 1);
    const rate = (ep.preemptionPerHour ?? 0) / 3600;
    const untilS = rate > 0 ? -Math.log(1 - this.rng()) / rate : Infinity;
    const preempted = untilS < runS + coldS;
    const endS = startS + (preempted ? untilS : runS + coldS);
    world.clock.atS(endS, () => {
      this.running--;
      this.waiting.shift()?.();
      if (preempted) {
        reject(new AttemptError(`task ${spec.taskId} (${spec.callId}) on ${this.name}: simulated spot preemption after ${untilS.toFixed(1)} s (rate ${ep.preemptionPerHour}/h)`, 'preempted', 'Preempted'));
        return;
      }
      world.finished(i, e, { startS, endS, coldS, waitedS: startS - now });
      resolve({
        value: null,
        timings: { submittedAt: submittedS * 1000, startedAt: startS * 1000, endedAt: endS * 1000, runSeconds: runS, coldStartSeconds: coldS, queueSeconds: now - submittedS },
      });
    });
  }
}

/** A lognormal factor of mean 1 and coefficient of variation `cv`. */
function lognormal(rng: () => number, cv: number): number {
  const s2 = Math.log(1 + cv * cv);
  const gaussian = Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
  return Math.exp(gaussian * Math.sqrt(s2) - s2 / 2);
}
