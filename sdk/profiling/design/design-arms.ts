import { seededRandom, shuffled } from '../models/folds.js';
import type { ProfileTable } from '../evaluate/profile-table.js';
import type { DesignSettings } from './design-settings.js';
import { DesignSpace } from './design-space.js';
import { fitInSpace, planExperiments } from './experiment-design.js';

/** The two ways of choosing experiments that are compared. */
export type DesignArm = 'active' | 'random';

/** Absolute % errors of one arm on test rows after n = 1..budget experiments from a pool. */
export interface ArmErrors {
  /** ape[n - 1][t]: error on test row t after n experiments (random: mean over seeds). */
  readonly ape: Float64Array[];
  /** Active only: where the plan's stopping rule says to stop. */
  readonly stopAt?: number;
}

/**
 * Runs one arm: `active` plans `budget` experiments on the pool rows with
 * the given settings; `random` takes `seeds` random orders. After each n the
 * design model is fitted on the first n experiments' responses and scored on
 * the test rows, which neither the plan nor the fit ever sees.
 *
 * @example
 * ```ts
 * const { ape } = armErrors(table, features, poolIdx, testIdx, { arm: 'active', settings, budget: 14 });
 * ```
 */
export function armErrors(
  table: ProfileTable,
  features: readonly string[],
  poolIdx: readonly number[],
  testIdx: readonly number[],
  options: { arm: DesignArm; settings: DesignSettings; budget: number; seeds?: number; seedKey?: string },
): ArmErrors {
  const space = new DesignSpace(poolIdx.map((i) => table.rows[i]), features);
  const testX = testIdx.map((i) => space.encode(table.rows[i]));
  const budget = Math.min(options.budget, poolIdx.length);
  const ape = Array.from({ length: options.budget }, () => new Float64Array(testIdx.length));
  const score = (order: readonly number[], weight: number) => {
    for (let n = 1; n <= options.budget; n++) {
      const chosen = order.slice(0, Math.min(n, budget));
      const predictLog = fitInSpace(space, options.settings, chosen.map((c) => space.X[c]), chosen.map((c) => table.response[poolIdx[c]]));
      const row = ape[n - 1];
      testIdx.forEach((i, t) => { row[t] += (weight * 100 * Math.abs(Math.exp(predictLog(testX[t])) - table.response[i])) / table.response[i]; });
    }
  };
  if (options.arm === 'active') {
    const { plan, stopAt } = planExperiments(space, budget, { settings: options.settings });
    score(plan, 1);
    return { ape, stopAt };
  }
  const seeds = options.seeds ?? 20;
  for (let s = 0; s < seeds; s++) {
    const order = shuffled(poolIdx.map((_, c) => c), seededRandom(`random-${options.seedKey ?? ''}-${s}`)).slice(0, budget);
    score(order, 1 / seeds);
  }
  return { ape };
}
