import type { ClientConfig, ClientInfo } from '../strategies/strategy.js';
import type { ClientSpeeds } from './client-speed.js';

/**
 * Chooses per-client local work for a round (epochs, batch size, sample
 * count) from what was measured on each client's endpoint.
 *
 * @example
 * ```ts
 * const tuned = new CapacityTuner({ maxEpochs: 4 }).tune(configs, clients, speeds, { deadlineS: 30 });
 * ```
 */
export interface Tuner {
  readonly name: string;
  tune(configs: readonly ClientConfig[], clients: readonly ClientInfo[], speeds: ClientSpeeds, round: { deadlineS?: number }): ClientConfig[];
}

/**
 * Every client does what the strategy configured: the baseline the capacity tuner is measured against.
 *
 * @example
 * ```ts
 * runFederated({ ...job, tuner: new UniformTuner() });
 * ```
 */
export class UniformTuner implements Tuner {
  readonly name = 'uniform';
  tune(configs: readonly ClientConfig[]): ClientConfig[] {
    return [...configs];
  }
}

/**
 * Options of {@link CapacityTuner}.
 *
 * @example
 * ```ts
 * const options: CapacityTunerOptions = { deadlineShare: 0.8, maxEpochs: 4 };
 * ```
 */
export interface CapacityTunerOptions {
  /** Seconds every client should take; else a share of the round deadline; else see `targetQuantile`. */
  readonly targetSeconds?: number;
  /** Share of the round deadline to aim at, leaving room for variance (default 0.8). */
  readonly deadlineShare?: number;
  /** Without a target or deadline: the quantile of the clients' predicted times for the configured work (default 0.5, the median). */
  readonly targetQuantile?: number;
  readonly maxEpochs?: number;
  /** Fewest examples a client trains on per round, as a share of what it holds (default 0.1). */
  readonly minSampleShare?: number;
}

/**
 * FLoX-style capacity tuning: from each client's measured samples/s and fixed
 * cost, give it the work that finishes near a common target, so fast clients
 * train more (more epochs) and slow ones less (a sample of their data) instead
 * of everyone waiting for the slowest. Clients not yet measured keep the
 * strategy's config (the first round profiles them).
 *
 * @example
 * ```ts
 * runFederated({ ...job, tuner: new CapacityTuner({ maxEpochs: 4 }) });
 * ```
 */
export class CapacityTuner implements Tuner {
  readonly name = 'capacity';
  constructor(private readonly options: CapacityTunerOptions = {}) {}

  tune(configs: readonly ClientConfig[], clients: readonly ClientInfo[], speeds: ClientSpeeds, round: { deadlineS?: number }): ClientConfig[] {
    const known = clients.map((c) => ({ client: c, speed: speeds.get(c.id) }));
    if (known.some((k) => !k.speed || !k.client.numExamples)) return [...configs];
    const predicted = configs.map((cfg, i) => {
      const { client, speed } = known[i]!;
      const perEpoch = Math.min(cfg.sampleCount ?? client.numExamples!, client.numExamples!);
      return speed!.fixedSeconds + (cfg.epochs * perEpoch) / speed!.samplesPerS;
    });
    const target = this.target(predicted, round.deadlineS);
    const maxEpochs = this.options.maxEpochs ?? 5;
    const minShare = this.options.minSampleShare ?? 0.1;
    return configs.map((cfg, i) => {
      const { client, speed } = known[i]!;
      const held = client.numExamples!;
      const budget = Math.max(0, target - speed!.fixedSeconds) * speed!.samplesPerS;
      let epochs = 1;
      let sampleCount = held;
      if (budget >= held) epochs = Math.max(1, Math.min(maxEpochs, Math.floor(budget / held)));
      else sampleCount = Math.max(Math.ceil(minShare * held), Math.floor(budget));
      sampleCount = Math.min(held, sampleCount);
      // Keep at least four optimiser steps per epoch when the sample shrinks.
      const batchSize = Math.max(1, Math.min(cfg.batchSize, Math.floor(sampleCount / 4) || 1));
      return { ...cfg, epochs, sampleCount, batchSize };
    });
  }

  private target(predicted: number[], deadlineS?: number): number {
    if (this.options.targetSeconds !== undefined) return this.options.targetSeconds;
    if (deadlineS !== undefined) return deadlineS * (this.options.deadlineShare ?? 0.8);
    const sorted = [...predicted].sort((a, b) => a - b);
    const q = this.options.targetQuantile ?? 0.5;
    return sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))))]!;
  }
}
