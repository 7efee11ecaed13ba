import { fitComposite, type CompositeOptions } from '../models/composite-model.js';
import { groupFolds, seededRandom, shuffled } from '../models/folds.js';
import { quantile } from '../models/log-space.js';
import type { ProfileTable } from './profile-table.js';

/** Error of a composite model on rows it was not trained on. */
export interface HoldoutScore {
  readonly mapePct: number;
  readonly medianApePct: number;
  /** Share of scored rows inside their 80% prediction interval. */
  readonly coverage80Pct: number;
  /** Rows scored (retraining rows are not). */
  readonly scored: number;
}

/**
 * Grouped k-fold holdout: each fold's groups are unseen in training; with
 * `retrain` K the model adapts to K random rows of each unseen group first,
 * and only the remaining rows are scored.
 *
 * @example
 * ```ts
 * holdoutScore(table, { features: ['vcpus', 'coremark'], retrain: 1, seed: 1 }); // { mapePct, medianApePct, coverage80Pct, scored }
 * ```
 */
export function holdoutScore(table: ProfileTable, options: CompositeOptions & { outerFolds?: number }): HoldoutScore {
  const rng = seededRandom(`holdout-${options.seed ?? 1}`);
  const groups = table.groups ?? table.rows.map((_, i) => `#${i}`);
  const retrain = table.groups ? (options.retrain ?? 0) : 0;
  const k = Math.min(options.outerFolds ?? 5, new Set(groups).size);
  const folds = groupFolds(groups, k, rng);
  const ape: number[] = [];
  let covered = 0;
  for (let f = 0; f < k; f++) {
    const train = folds.flatMap((fold, i) => (fold === f ? [] : [i]));
    const test = folds.flatMap((fold, i) => (fold === f ? [i] : []));
    const model = fitComposite({
      rows: train.map((i) => table.rows[i]),
      response: train.map((i) => table.response[i]),
      groups: table.groups ? train.map((i) => groups[i]) : undefined,
    }, { ...options, retrain: Math.max(retrain, table.groups ? 1 : 0) });
    const byGroup = new Map<string, number[]>();
    for (const i of test) {
      const members = byGroup.get(groups[i]);
      if (members) members.push(i);
      else byGroup.set(groups[i], [i]);
    }
    for (const [g, idx] of byGroup) {
      const order = shuffled(idx, rng);
      for (const i of order.slice(0, retrain)) model.adapt(g, table.rows[i], table.response[i]);
      for (const i of order.slice(retrain)) {
        const p = model.predict(table.rows[i], g);
        const y = table.response[i];
        ape.push((Math.abs(p.seconds - y) / y) * 100);
        if (y >= p.lower80 && y <= p.upper80) covered += 1;
      }
    }
  }
  return {
    mapePct: ape.reduce((a, b) => a + b, 0) / Math.max(1, ape.length),
    medianApePct: quantile(ape, 0.5),
    coverage80Pct: (covered / Math.max(1, ape.length)) * 100,
    scored: ape.length,
  };
}
