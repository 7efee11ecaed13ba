import { FedAvg } from './fedavg.js';
import type { ClientConfig, ClientInfo, TrainingDefaults } from './strategy.js';

/**
 * FedProx (Li et al. 2020): FedAvg whose clients add (mu/2)·||w − w_global||²
 * to their loss, which keeps heterogeneous clients from drifting apart.
 *
 * @example
 * ```ts
 * const strategy = new FedProx({ proximalMu: 0.01 });
 * ```
 */
export class FedProx extends FedAvg {
  override readonly name: string = 'fedprox';
  readonly proximalMu: number;
  constructor(options: { proximalMu?: number } = {}) {
    super();
    this.proximalMu = options.proximalMu ?? 0.01;
  }

  override configure(round: number, clients: readonly ClientInfo[], defaults: TrainingDefaults): ClientConfig[] {
    return super.configure(round, clients, defaults).map((c) => ({ ...c, proximalMu: this.proximalMu }));
  }
}
