import type { RoundRecord } from './federated-options.js';

/**
 * Per-round metrics in the shape the run report charts (global accuracy and
 * loss per round; seconds per client per round), from a result's rounds or
 * the checkpoints in the database.
 *
 * @example
 * ```ts
 * const federated = federatedReportData(result.rounds, 'fedavg');
 * ```
 */
export function federatedReportData(rounds: readonly Pick<RoundRecord, 'round' | 'metrics'>[], strategy?: string): {
  strategy?: string;
  rounds: { round: number; accuracy?: number; loss?: number }[];
  clientTimes: { round: number; client: string; seconds: number }[];
} {
  const clientTimes: { round: number; client: string; seconds: number }[] = [];
  for (const r of rounds) {
    for (const [key, value] of Object.entries(r.metrics)) {
      const m = /^client\.(.+)\.seconds$/.exec(key);
      if (m) clientTimes.push({ round: r.round, client: m[1]!, seconds: value });
    }
  }
  return { strategy, rounds: rounds.map((r) => ({ round: r.round, accuracy: r.metrics.accuracy, loss: r.metrics.loss })), clientTimes };
}
