import type { CandidateEndpoint } from '../policy.js';

/** DELTA's predicted finish: cold start + max(queue wait, transfer) + run. */
export function predictedFinishS(c: CandidateEndpoint): number {
  return c.coldStartS + Math.max(c.queueWaitS, c.transferS) + c.prediction.seconds;
}

/** The candidate with the smallest key (first listed wins ties). */
export function argmin<T>(items: readonly T[], key: (item: T) => number): T {
  let best = items[0]!;
  let bestKey = key(best);
  for (let i = 1; i < items.length; i++) {
    const k = key(items[i]!);
    if (k < bestKey) { best = items[i]!; bestKey = k; }
  }
  return best;
}
