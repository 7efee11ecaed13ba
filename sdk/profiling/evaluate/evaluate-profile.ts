import { ProfilingError } from '../errors.js';
import { compareDesigns, type DesignCurve } from '../design/design-comparison.js';
import { holdoutScore } from './holdout.js';
import type { ProfileTable } from './profile-table.js';

/** Options of `corral profile evaluate` (after the CSV is read). */
export interface EvaluateOptions {
  readonly features: readonly string[];
  /** Rows of each unseen group the model sees before it is scored (needs groups). */
  readonly retrain?: number;
  readonly design?: 'active' | 'random' | 'both';
  /** Largest number of experiments the design comparison reports (default 14). */
  readonly budget?: number;
  readonly seed?: number;
  /** Choose the design settings of each arm by nested cross-validation over groups (see `compareDesigns`). */
  readonly nested?: boolean;
}

/** The JSON `corral profile evaluate --json` prints (field names fixed by DESIGN.md). */
export interface EvaluateResult {
  readonly rows: number;
  readonly holdout: { readonly mapePct: number; readonly medianApePct: number; readonly coverage80Pct: number; readonly scored: number; readonly retrain: number };
  readonly design: Omit<DesignCurve, 'folds' | 'nested'> & Partial<Pick<DesignCurve, 'folds' | 'nested'>>;
  readonly features: readonly string[];
}

/**
 * Scores the composite model on rows not used for training (grouped folds
 * when the table has groups) and, when asked, compares active with random
 * experiment design for n = 1..budget.
 *
 * @example
 * ```ts
 * const table = readProfileCsv(file, { response: 'ffmpeg_elapsed_s', features, group: 'family' });
 * evaluateProfile(table, { features, retrain: 1, design: 'both', budget: 14 });
 * ```
 */
export function evaluateProfile(table: ProfileTable, options: EvaluateOptions): EvaluateResult {
  const retrain = options.retrain ?? 0;
  if (!Number.isInteger(retrain) || retrain < 0) {
    throw new ProfilingError('CORRAL_PROFILE_BAD_OPTION', `--retrain ${retrain}: must be a whole number >= 0`);
  }
  if (retrain > 0 && !table.groups) {
    throw new ProfilingError('CORRAL_PROFILE_BAD_OPTION', `--retrain ${retrain} needs --group: retraining gives the model rows of each unseen group`);
  }
  const budget = options.budget ?? 14;
  if (!Number.isInteger(budget) || budget < 1) {
    throw new ProfilingError('CORRAL_PROFILE_BAD_OPTION', `--budget ${budget}: must be a whole number >= 1`);
  }
  if (options.features.length === 0) throw new ProfilingError('CORRAL_PROFILE_BAD_OPTION', '--features: name at least one column');
  if (table.rows.length < 10) {
    throw new ProfilingError('CORRAL_PROFILE_TOO_FEW_ROWS', `${table.rows.length} rows: evaluation needs at least 10 to hold some out`);
  }
  const holdout = holdoutScore(table, { features: options.features, retrain, seed: options.seed });
  const design = options.design
    ? compareDesigns(table, options.features, { budget, seed: options.seed, which: options.design, nested: options.nested })
    : { active: [], random: [] };
  return { rows: table.rows.length, holdout: { ...holdout, retrain }, design, features: options.features };
}
