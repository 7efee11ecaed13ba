import { createRequire } from 'node:module';
import type Seedrandom from 'seedrandom';

// Loaded on first use, not with `import 'corral'`: only simulations, folds and partitions draw seeded numbers.
const seedrandom = (seed: string): Seedrandom.PRNG => (createRequire(import.meta.url)('seedrandom') as typeof Seedrandom)(seed);

/**
 * A seeded random source in [0, 1), so evaluations repeat exactly.
 *
 * @example
 * ```ts
 * const rng = seededRandom(7); rng(); // same value on every run
 * ```
 */
export function seededRandom(seed: number | string): () => number {
  return seedrandom(String(seed));
}

/**
 * Shuffles a copy of `items` with `rng` (Fisher-Yates).
 *
 * @example
 * ```ts
 * shuffled([1, 2, 3], seededRandom(1));
 * ```
 */
export function shuffled<T>(items: readonly T[], rng: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/**
 * Assigns each row to one of `k` folds so that all rows of a group share a
 * fold (a test row's group is never seen in training). Without groups, every
 * row is its own group.
 *
 * @example
 * ```ts
 * groupFolds(['a', 'a', 'b', 'c'], 2, seededRandom(1)); // e.g. [0, 0, 1, 0]
 * ```
 */
export function groupFolds(groups: readonly string[], k: number, rng: () => number): number[] {
  const distinct = shuffled([...new Set(groups)], rng);
  const foldOf = new Map<string, number>();
  // Largest groups first, each into the currently smallest fold, keeps folds even.
  const size = new Map<string, number>();
  for (const g of groups) size.set(g, (size.get(g) ?? 0) + 1);
  distinct.sort((a, b) => size.get(b)! - size.get(a)!);
  const load = new Array<number>(k).fill(0);
  for (const g of distinct) {
    let best = 0;
    for (let f = 1; f < k; f++) if (load[f] < load[best]) best = f;
    foldOf.set(g, best);
    load[best] += size.get(g)!;
  }
  return groups.map((g) => foldOf.get(g)!);
}
