import type { DesignSpace } from './design-space.js';

/**
 * Greedy k-medoids: adds, one at a time, the candidate that most lowers the
 * summed distance from every pool row to its nearest chosen one, so the first
 * experiments are typical of the pool (dense regions first) rather than its
 * corners. `chosen` are candidates already picked.
 *
 * @example
 * ```ts
 * const first = spaceFillingStart(space, 2, []); // e.g. [137, 12]
 * ```
 */
export function spaceFillingStart(space: DesignSpace, count: number, chosen: readonly number[]): number[] {
  const X = space.X;
  const N = X.length;
  const dist = (a: number, b: number) => {
    let s = 0;
    for (let k = 0; k < X[a].length; k++) { const d = X[a][k] - X[b][k]; s += d * d; }
    return Math.sqrt(s);
  };
  const nearest = new Float64Array(N).fill(Number.POSITIVE_INFINITY);
  for (const c of chosen) for (let i = 0; i < N; i++) nearest[i] = Math.min(nearest[i], dist(i, c));
  const taken = new Set(chosen);
  const out: number[] = [];
  for (let step = 0; step < count && taken.size < N; step++) {
    let best = -1;
    let bestSum = Number.POSITIVE_INFINITY;
    for (let c = 0; c < N; c++) {
      if (taken.has(c)) continue;
      let sum = 0;
      for (let i = 0; i < N && sum < bestSum; i++) sum += Math.min(nearest[i], dist(i, c));
      if (sum < bestSum) { bestSum = sum; best = c; }
    }
    out.push(best);
    taken.add(best);
    for (let i = 0; i < N; i++) nearest[i] = Math.min(nearest[i], dist(i, best));
  }
  return out;
}
