import { groupFolds, seededRandom, shuffled } from '../models/folds.js';
import type { ProfileTable } from '../evaluate/profile-table.js';
import { chooseExperiments, fitDesignModel } from './experiment-design.js';

/** Test error after n experiments, for each n from 1 to the budget. */
export interface DesignCurve {
  readonly active: { n: number; mapePct: number }[];
  readonly random: { n: number; mapePct: number }[];
}

/**
 * Active against random experiment choice: for each outer fold, the other
 * folds are the candidate pool, the fold's rows the test set; after n chosen
 * experiments (n = 1..budget) the design model is fitted on them and scored
 * on the test rows. Random choice is averaged over `seeds` (>= 20) orders.
 *
 * @example
 * ```ts
 * const { active, random } = compareDesigns(table, ['vcpus', 'coremark'], { budget: 14, seeds: 20 });
 * ```
 */
export function compareDesigns(
  table: ProfileTable,
  features: readonly string[],
  options: { budget: number; seeds?: number; seed?: number; folds?: number; which?: 'active' | 'random' | 'both' },
): DesignCurve {
  const which = options.which ?? 'both';
  const seeds = Math.max(20, options.seeds ?? 20);
  const groups = table.groups ?? table.rows.map((_, i) => `#${i}`);
  const k = Math.min(options.folds ?? 5, new Set(groups).size);
  const folds = groupFolds(groups, k, seededRandom(`design-${options.seed ?? 1}`));
  const activeSum = new Float64Array(options.budget + 1);
  const randomSum = new Float64Array(options.budget + 1);
  for (let f = 0; f < k; f++) {
    const poolIdx = folds.flatMap((fold, i) => (fold === f ? [] : [i]));
    const testIdx = folds.flatMap((fold, i) => (fold === f ? [i] : []));
    const pool = poolIdx.map((i) => table.rows[i]);
    const error = (chosen: readonly number[]): number => {
      const predict = fitDesignModel(pool, features, chosen.map((c) => pool[c]), chosen.map((c) => table.response[poolIdx[c]]));
      let s = 0;
      for (const i of testIdx) s += Math.abs(predict(table.rows[i]) - table.response[i]) / table.response[i];
      return (s / testIdx.length) * 100;
    };
    if (which !== 'random') {
      const plan = chooseExperiments(pool, features, options.budget);
      for (let n = 1; n <= options.budget; n++) activeSum[n] += error(plan.slice(0, n));
    }
    if (which !== 'active') {
      for (let s = 0; s < seeds; s++) {
        const order = shuffled(pool.map((_, i) => i), seededRandom(`random-${options.seed ?? 1}-${f}-${s}`));
        for (let n = 1; n <= options.budget; n++) randomSum[n] += error(order.slice(0, n)) / seeds;
      }
    }
  }
  const curve = (sum: Float64Array) => Array.from({ length: options.budget }, (_, i) => ({ n: i + 1, mapePct: sum[i + 1] / k }));
  return { active: which === 'random' ? [] : curve(activeSum), random: which === 'active' ? [] : curve(randomSum) };
}
