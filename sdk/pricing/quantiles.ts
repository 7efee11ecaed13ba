/**
 * The p-quantile (0..1) of already sorted numbers, linear between order
 * statistics (type 7, as R and numpy do by default). NaN for no numbers.
 *
 * @example
 * ```ts
 * quantileSorted([1, 2, 3, 4], 0.5); // 2.5
 * ```
 */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const pos = (n - 1) * Math.min(1, Math.max(0, p));
  const lo = Math.floor(pos);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/**
 * The p-quantile (0..1) of numbers in any order.
 *
 * @example
 * ```ts
 * quantile([4, 1, 3, 2], 0.5); // 2.5
 * ```
 */
export function quantile(values: readonly number[], p: number): number {
  return quantileSorted(Float64Array.from(values).sort(), p);
}

/**
 * The name corral gives a quantile level in a {@link CostEstimate}: 0.05 → `p5`, 0.5 → `p50`.
 *
 * @example
 * ```ts
 * quantileKey(0.95); // 'p95'
 * ```
 */
export function quantileKey(p: number): string {
  return `p${+(p * 100).toFixed(3)}`;
}

/** Quantile levels every corral estimate carries: a 90% interval and its median. */
export const STANDARD_LEVELS: readonly number[] = Object.freeze([0.05, 0.5, 0.95]);
