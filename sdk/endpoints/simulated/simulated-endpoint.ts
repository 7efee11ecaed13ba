import { createRequire } from 'node:module';
import type Seedrandom from 'seedrandom';
import { resolveTask, type ModuleLoader } from '../../graph/index.js';
import { AttemptError, attemptErrorFrom } from '../attempt-error.js';
import type { Endpoint, EndpointDescription, EndpointStatus, TaskHandle, TaskResult, TaskSpec } from '../endpoint.js';

// Loaded on first use, not with `import 'corral'`: only simulations, folds and partitions draw seeded numbers.
const seedrandom = (seed: string): Seedrandom.PRNG => (createRequire(import.meta.url)('seedrandom') as typeof Seedrandom)(seed);

/** Options of a {@link SimulatedEndpoint}. */
export interface SimulatedEndpointOptions {
  readonly name: string;
  readonly workers?: number;
  /** Relative speed: reported run seconds = measured seconds / speed. */
  readonly speed?: number;
  readonly transferGroup?: string;
  readonly coldStartS?: number;
  /** The simulator's price per busy worker, or a pricing `cost:` block (with `model:`) as in endpoints.yaml. */
  readonly cost?: { readonly usdPerHour?: number; readonly watts?: number } | Readonly<Record<string, unknown>>;
  readonly preemptionPerHour?: number;
  /** Probability the endpoint is online (drawn once, from the seed). */
  readonly availability?: number;
  readonly memoryGiB?: number;
  readonly gpus?: number;
  readonly seed?: string | number;
  /** How to load a task's module (default: dynamic import). */
  readonly load?: ModuleLoader;
}

/**
 * An endpoint that runs the real task code in this process and reports
 * simulated timings: run seconds scaled by its speed, a cold start the first
 * time a task runs here, preemptions drawn at its rate, and availability
 * drawn once, all from its seed. For planning what-ifs, tests and
 * benchmarks; it labels itself `simulated` and is never presented as real.
 *
 * @example
 * ```ts
 * const ep = new SimulatedEndpoint({ name: 'pi', speed: 0.2, coldStartS: 13.8, seed: 7 });
 * const { value, timings } = await ep.submit(spec).result; // timings.runSeconds is simulated
 * ```
 */
export class SimulatedEndpoint implements Endpoint {
  readonly kind = 'simulated';
  readonly name: string;
  private readonly rng: () => number;
  private readonly online: boolean;
  private readonly warm = new Set<string>();
  private readonly waiting: Array<() => void> = [];
  private running = 0;
  private closed = false;

  constructor(private readonly options: SimulatedEndpointOptions) {
    this.name = options.name;
    this.rng = seedrandom(`${options.seed ?? 1}:${options.name}`);
    this.online = this.rng() < (options.availability ?? 1);
  }

  describe(): EndpointDescription {
    const o = this.options;
    return {
      name: o.name, kind: this.kind, workers: this.workers, transferGroup: o.transferGroup ?? o.name,
      hardware: { cores: 1, ...(o.memoryGiB !== undefined ? { memoryGiB: o.memoryGiB } : {}), ...(o.gpus !== undefined ? { gpus: o.gpus } : {}) },
      cost: o.cost && 'model' in o.cost ? o.cost : pricingBlock(Number(o.cost?.usdPerHour ?? 0), Number(o.cost?.watts ?? 0)),
      labels: { simulated: 'true', speed: String(o.speed ?? 1) },
    };
  }

  async status(): Promise<EndpointStatus> {
    return { online: this.online && !this.closed, totalWorkers: this.workers, idleWorkers: Math.max(0, this.workers - this.running), queued: this.waiting.length };
  }

  submit(task: TaskSpec): TaskHandle {
    let cancelled: string | undefined;
    const result = this.execute(task, () => cancelled);
    return { attemptId: task.attemptId, result, cancel: (reason) => { cancelled = reason ?? 'cancelled'; } };
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const wake of this.waiting.splice(0)) wake();
  }

  private get workers(): number {
    return Math.max(1, Math.floor(this.options.workers ?? 1));
  }

  private async execute(task: TaskSpec, cancelled: () => string | undefined): Promise<TaskResult> {
    const submittedAt = Date.now();
    if (!this.online) throw new AttemptError(`simulated endpoint ${this.name} is offline in this run (availability ${this.options.availability})`, 'offline', 'EndpointOffline');
    if (this.running >= this.workers) await new Promise<void>((wake) => this.waiting.push(wake));
    const why = this.closed ? 'endpoint closed' : cancelled();
    if (why) throw new AttemptError(`task ${task.taskId} on ${this.name}: ${why}`, 'cancelled', 'Cancelled');
    this.running++;
    try {
      const load = this.options.load ?? ((m: string) => import(m) as Promise<Record<string, unknown>>);
      const resolved = resolveTask(await load(task.locator.module), task.locator);
      const t0 = performance.now();
      let value: unknown;
      try { value = await resolved.invoke(task.args); } catch (e) { throw attemptErrorFrom(e); }
      const measured = (performance.now() - t0) / 1000;
      const runSeconds = measured / (this.options.speed ?? 1);
      const cold = this.warm.has(task.taskId) ? 0 : this.options.coldStartS ?? 0;
      this.warm.add(task.taskId);
      const rate = (this.options.preemptionPerHour ?? 0) / 3600;
      if (rate > 0 && this.rng() < 1 - Math.exp(-rate * (runSeconds + cold))) {
        throw new AttemptError(`task ${task.taskId} on ${this.name}: simulated spot preemption (rate ${this.options.preemptionPerHour}/h)`, 'preempted', 'Preempted');
      }
      return { value, timings: { submittedAt, startedAt: Date.now(), endedAt: Date.now(), runSeconds, coldStartSeconds: cold, queueSeconds: 0 } };
    } finally {
      this.running--;
      this.waiting.shift()?.();
    }
  }
}

/** The simulator's price per busy worker as a `cost:` block: billed per second with no minimum, as the simulator bills. */
function pricingBlock(usdPerHour: number, watts: number): Record<string, unknown> {
  return usdPerHour > 0
    ? { model: 'on-demand', usdPerHour, watts, minimumBilledS: 0, egressUsdPerGB: 0 }
    : { model: 'energy', activeWatts: watts };
}
