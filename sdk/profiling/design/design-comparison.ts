import { groupFolds, seededRandom } from '../models/folds.js';
import type { ProfileTable } from '../evaluate/profile-table.js';
import { armErrors, type DesignArm } from './design-arms.js';
import { bandedCurve, shareNoWorse, type BandedPoint } from './curve-bands.js';
import { DEFAULT_DESIGN_SETTINGS, describeSettings, type DesignSettings } from './design-settings.js';
import { tuneDesignSettings } from './tune-design.js';

/** Test error after n experiments, for each n from 1 to the budget, with 90% bands. */
export interface DesignCurve {
  readonly active: BandedPoint[];
  readonly random: BandedPoint[];
  /** Active with min(6, budget) experiments against random with `budget` (both arms asked). */
  readonly comparison?: {
    readonly activeN: number;
    readonly randomN: number;
    readonly activeMapePct: number;
    readonly randomMapePct: number;
    /** Share of group-bootstrap resamples in which active is no worse. */
    readonly shareActiveNoWorse: number;
  };
  /** With `nested`: the settings each outer fold's inner loop chose, and the plans' stopping points. */
  readonly folds: { readonly groups: number; readonly rows: number; readonly active?: string; readonly random?: string; readonly stopAt?: number }[];
  readonly nested: boolean;
}

/**
 * Active against random experiment choice, scored on groups (instance
 * families) that neither the design nor the model saw: for each outer fold,
 * the other folds are the candidate pool and the fold's rows the test set;
 * after n chosen experiments (n = 1..budget) the design model is fitted on
 * them and scored on the test rows. Random choice is averaged over `seeds`
 * (>= 20) orders. With `nested`, each arm's settings are chosen by an inner
 * cross-validation over the pool's groups only (never the scored fold);
 * without, both use `settings` (default {@link DEFAULT_DESIGN_SETTINGS}).
 * Bands: 5%-95% of a bootstrap over groups.
 *
 * @example
 * ```ts
 * const { active, random, comparison } = compareDesigns(table, ['vcpus', 'coremark'], { budget: 14, nested: true });
 * ```
 */
export function compareDesigns(
  table: ProfileTable,
  features: readonly string[],
  options: { budget: number; seeds?: number; seed?: number; folds?: number; which?: 'active' | 'random' | 'both'; nested?: boolean; settings?: DesignSettings },
): DesignCurve {
  const which = options.which ?? 'both';
  const seeds = Math.max(20, options.seeds ?? 20);
  const seed = options.seed ?? 1;
  const groups = table.groups ?? table.rows.map((_, i) => `#${i}`);
  const k = Math.min(options.folds ?? 5, new Set(groups).size);
  const folds = groupFolds(groups, k, seededRandom(`design-${seed}`));
  const arms: DesignArm[] = which === 'both' ? ['active', 'random'] : [which];
  const ape: Record<DesignArm, Float64Array[]> = {
    active: Array.from({ length: options.budget }, () => new Float64Array(table.rows.length)),
    random: Array.from({ length: options.budget }, () => new Float64Array(table.rows.length)),
  };
  const foldInfo: DesignCurve['folds'] = [];
  for (let f = 0; f < k; f++) {
    const poolIdx = folds.flatMap((fold, i) => (fold === f ? [] : [i]));
    const testIdx = folds.flatMap((fold, i) => (fold === f ? [i] : []));
    const info: { groups: number; rows: number; active?: string; random?: string; stopAt?: number } = { groups: new Set(testIdx.map((i) => groups[i])).size, rows: testIdx.length };
    for (const arm of arms) {
      const settings = options.nested
        ? tuneDesignSettings(table, features, poolIdx, arm, options.budget, `${seed}-${f}`)
        : (options.settings ?? DEFAULT_DESIGN_SETTINGS);
      const run = armErrors(table, features, poolIdx, testIdx, { arm, settings, budget: options.budget, seeds, seedKey: `${seed}-${f}` });
      run.ape.forEach((row, n) => testIdx.forEach((i, t) => { ape[arm][n][i] = row[t]; }));
      info[arm] = describeSettings(arm === 'random' ? { ...settings, start: 0 } : settings);
      if (run.stopAt !== undefined) info.stopAt = run.stopAt;
    }
    foldInfo.push(info);
  }
  const bandSeed = String(seed);
  const active = arms.includes('active') ? bandedCurve(ape.active, groups, bandSeed) : [];
  const random = arms.includes('random') ? bandedCurve(ape.random, groups, bandSeed) : [];
  const activeN = Math.min(6, options.budget);
  const comparison = which === 'both'
    ? {
      activeN, randomN: options.budget, activeMapePct: active[activeN - 1].mapePct, randomMapePct: random[options.budget - 1].mapePct,
      shareActiveNoWorse: shareNoWorse(ape.active[activeN - 1], ape.random[options.budget - 1], groups, bandSeed),
    }
    : undefined;
  return { active, random, ...(comparison ? { comparison } : {}), folds: foldInfo, nested: options.nested ?? false };
}
