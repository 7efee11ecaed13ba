import { seededRandom as profilingSeededRandom } from '../../profiling/index.js';

/**
 * A seeded uniform source in [0, 1): the same seed gives the same sequence on
 * every machine, which is what makes partitions and client selection repeatable.
 *
 * @example
 * ```ts
 * const rng = seededRandom(42);
 * rng(); // 0.74...
 * ```
 */
export type Random = () => number;

/**
 * A {@link Random} from a seed.
 *
 * @example
 * ```ts
 * const rng = seededRandom('run-1');
 * ```
 */
export function seededRandom(seed: number | string): Random {
  return profilingSeededRandom(seed);
}

/** Fisher-Yates shuffle in place. */
export function shuffleInPlace<T>(items: T[], rng: Random): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

/** A standard normal draw (Box-Muller). */
export function normal(rng: Random): number {
  const u = 1 - rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}

/** A Gamma(shape, 1) draw (Marsaglia-Tsang; boosted for shape < 1). */
export function gamma(shape: number, rng: Random): number {
  if (shape < 1) return gamma(shape + 1, rng) * rng() ** (1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do { x = normal(rng); v = 1 + c * x; } while (v <= 0);
    v = v * v * v;
    const u = rng();
    if (u < 1 - 0.0331 * x ** 4 || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

/** A Dirichlet(alpha, ..., alpha) draw of `k` proportions. */
export function dirichlet(alpha: number, k: number, rng: Random): number[] {
  const g = Array.from({ length: k }, () => gamma(alpha, rng));
  const sum = g.reduce((a, b) => a + b, 0);
  return sum > 0 ? g.map((x) => x / sum) : g.map(() => 1 / k);
}
