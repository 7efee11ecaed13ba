import { groupFolds, seededRandom } from '../models/folds.js';
import type { ProfileTable } from '../evaluate/profile-table.js';
import { armErrors, type DesignArm } from './design-arms.js';
import { designSettingsGrid, type DesignSettings } from './design-settings.js';

/** Inner folds of the nested evaluation. */
const INNER_FOLDS = 3;
/** Random orders per inner fold when tuning the random arm's model (the outer comparison uses >= 20). */
const INNER_SEEDS = 4;

/**
 * Chooses an arm's design settings by cross-validation over the groups of
 * the pool alone (the inner loop of nested evaluation): each inner fold's
 * groups are scored after experiments chosen from the others; the settings
 * with the lowest mean error over n = 1..budget win. Random choice ignores
 * the space-filling start, so its grid has none.
 *
 * @example
 * ```ts
 * const settings = tuneDesignSettings(table, features, poolIdx, 'active', 14, 'fold-0');
 * ```
 */
export function tuneDesignSettings(
  table: ProfileTable,
  features: readonly string[],
  poolIdx: readonly number[],
  arm: DesignArm,
  budget: number,
  seedKey: string,
): DesignSettings {
  const groups = poolIdx.map((i) => table.groups?.[i] ?? `#${i}`);
  const k = Math.min(INNER_FOLDS, new Set(groups).size);
  const inner = groupFolds(groups, k, seededRandom(`inner-${seedKey}`));
  const grid = designSettingsGrid().filter((s) => arm === 'active' || s.start === 0);
  let best = grid[0];
  let bestScore = Number.POSITIVE_INFINITY;
  for (const settings of grid) {
    let sum = 0; let count = 0;
    for (let g = 0; g < k; g++) {
      const pool = poolIdx.filter((_, p) => inner[p] !== g);
      const test = poolIdx.filter((_, p) => inner[p] === g);
      const { ape } = armErrors(table, features, pool, test, { arm, settings, budget, seeds: INNER_SEEDS, seedKey: `${seedKey}-${g}` });
      for (const row of ape) for (const v of row) { sum += v; count++; }
    }
    if (sum / count < bestScore) { bestScore = sum / count; best = settings; }
  }
  return best;
}
