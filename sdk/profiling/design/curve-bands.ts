import { quantile } from '../models/log-space.js';
import { seededRandom } from '../models/folds.js';

/** Resamples of the group bootstrap. */
const RESAMPLES = 400;

/** Mean error after n experiments with its 90% band. */
export interface BandedPoint {
  readonly n: number;
  readonly mapePct: number;
  /** 5% and 95% of the group bootstrap of the mean. */
  readonly lowPct: number;
  readonly highPct: number;
}

/**
 * Turns per-row errors (ape[n - 1][row]) into a curve with 90% confidence
 * bands from a bootstrap over groups: whole groups are resampled, because
 * rows of one group (an instance family) are not independent.
 *
 * @example
 * ```ts
 * const curve = bandedCurve(ape, groups, 'seed-1');
 * ```
 */
export function bandedCurve(ape: readonly Float64Array[], groups: readonly string[], seed: string): BandedPoint[] {
  const members = groupMembers(groups);
  const draws = bootstrapDraws(members.length, seed);
  return ape.map((row, k) => {
    const mean = row.reduce((a, b) => a + b, 0) / Math.max(1, row.length);
    const means = draws.map((d) => resampledMean(row, members, d));
    return { n: k + 1, mapePct: mean, lowPct: quantile(means, 0.05), highPct: quantile(means, 0.95) };
  });
}

/**
 * Share of group-bootstrap resamples in which `a`'s mean error is no larger
 * than `b`'s (the same resample for both: a paired comparison).
 *
 * @example
 * ```ts
 * shareNoWorse(active[5], random[13], groups, 'seed-1'); // 0.93
 * ```
 */
export function shareNoWorse(a: Float64Array, b: Float64Array, groups: readonly string[], seed: string): number {
  const members = groupMembers(groups);
  const draws = bootstrapDraws(members.length, seed);
  return draws.filter((d) => resampledMean(a, members, d) <= resampledMean(b, members, d)).length / draws.length;
}

function groupMembers(groups: readonly string[]): number[][] {
  const by = new Map<string, number[]>();
  groups.forEach((g, i) => {
    const members = by.get(g);
    if (members) members.push(i);
    else by.set(g, [i]);
  });
  return [...by.values()];
}

function bootstrapDraws(groupCount: number, seed: string): Int32Array[] {
  const rng = seededRandom(`bootstrap-${seed}`);
  return Array.from({ length: RESAMPLES }, () => Int32Array.from({ length: groupCount }, () => Math.floor(rng() * groupCount)));
}

function resampledMean(row: Float64Array, members: readonly number[][], draw: Int32Array): number {
  let s = 0; let n = 0;
  for (const g of draw) for (const i of members[g]) { s += row[i]; n++; }
  return s / Math.max(1, n);
}
