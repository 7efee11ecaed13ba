import type { CostEstimate, CostVector } from './cost-vector.js';

/**
 * Component-wise sum. CO2 is summed when any term has it (a term without it counts 0).
 *
 * @example
 * ```ts
 * addCosts({ usd: 1, seconds: 2, joules: 3 }, { usd: 1, seconds: 1, joules: 0, co2g: 2 });
 * // { usd: 2, seconds: 3, joules: 3, co2g: 2 }
 * ```
 */
export function addCosts(...costs: readonly CostVector[]): CostVector {
  let usd = 0;
  let seconds = 0;
  let joules = 0;
  let co2g: number | undefined;
  for (const c of costs) {
    usd += c.usd;
    seconds += c.seconds;
    joules += c.joules;
    if (c.co2g !== undefined) co2g = (co2g ?? 0) + c.co2g;
  }
  return co2g === undefined ? { usd, seconds, joules } : { usd, seconds, joules, co2g };
}

/**
 * `a - b`, component-wise (for remaining budgets and differences).
 *
 * @example
 * ```ts
 * subtractCosts({ usd: 5, seconds: 60, joules: 0 }, { usd: 2, seconds: 10, joules: 0 }); // { usd: 3, seconds: 50, joules: 0 }
 * ```
 */
export function subtractCosts(a: CostVector, b: CostVector): CostVector {
  return addCosts(a, scaleCost(b, -1));
}

/**
 * Every component times `factor` (e.g. a per-call cost times the call count).
 *
 * @example
 * ```ts
 * scaleCost({ usd: 0.01, seconds: 2, joules: 30 }, 100); // { usd: 1, seconds: 200, joules: 3000 }
 * ```
 */
export function scaleCost(c: CostVector, factor: number): CostVector {
  const out = { usd: c.usd * factor, seconds: c.seconds * factor, joules: c.joules * factor };
  return c.co2g === undefined ? out : { ...out, co2g: c.co2g * factor };
}

/** How much one unit of each component weighs when costs are compared (e.g. $ per second saved). */
export interface CostWeights {
  readonly usd?: number;
  readonly seconds?: number;
  readonly joules?: number;
  readonly co2g?: number;
}

/**
 * One number for a cost under weights: Σ weight × component (missing weights are 0).
 *
 * @example
 * ```ts
 * weightedCost({ usd: 0.5, seconds: 100, joules: 0 }, { usd: 1, seconds: 0.01 }); // 1.5
 * ```
 */
export function weightedCost(c: CostVector, weights: CostWeights): number {
  return (weights.usd ?? 0) * c.usd + (weights.seconds ?? 0) * c.seconds + (weights.joules ?? 0) * c.joules + (weights.co2g ?? 0) * (c.co2g ?? 0);
}

/**
 * Orders two costs under weights: negative when `a` is cheaper, 0 when equal,
 * positive when dearer. Usable as an `Array.prototype.sort` comparator.
 *
 * @example
 * ```ts
 * [b, a].sort((x, y) => compareCosts(x, y, { usd: 1 }));
 * ```
 */
export function compareCosts(a: CostVector, b: CostVector, weights: CostWeights): number {
  return weightedCost(a, weights) - weightedCost(b, weights);
}

/**
 * True when `a` is no worse than `b` in every component and better in one
 * (Pareto dominance; CO2 only when both have it).
 *
 * @example
 * ```ts
 * dominates({ usd: 1, seconds: 5, joules: 0 }, { usd: 2, seconds: 5, joules: 0 }); // true
 * ```
 */
export function dominates(a: CostVector, b: CostVector): boolean {
  const pairs: [number, number][] = [[a.usd, b.usd], [a.seconds, b.seconds], [a.joules, b.joules]];
  if (a.co2g !== undefined && b.co2g !== undefined) pairs.push([a.co2g, b.co2g]);
  return pairs.every(([x, y]) => x <= y) && pairs.some(([x, y]) => x < y);
}

/**
 * A short human form: `$0.0123 · 12.0 s · 180 J`, with the 90% interval of
 * the dollars when the estimate has one.
 *
 * @example
 * ```ts
 * formatCost({ usd: 1.2, seconds: 3600, joules: 0, quantiles: { p5: { usd: 1.1, seconds: 3600, joules: 0 }, p95: { usd: 1.4, seconds: 3600, joules: 0 } } });
 * // '$1.20 [1.10–1.40] · 1.00 h · 0 J'
 * ```
 */
export function formatCost(c: CostEstimate): string {
  const lo = c.quantiles?.p5?.usd;
  const hi = c.quantiles?.p95?.usd;
  const interval = lo !== undefined && hi !== undefined ? ` [${usd(lo)}–${usd(hi)}]` : '';
  const parts = [`$${usd(c.usd)}${interval}`, duration(c.seconds), energy(c.joules)];
  if (c.co2g !== undefined) parts.push(`${+c.co2g.toPrecision(3)} gCO2`);
  return parts.join(' · ');
}

function usd(x: number): string {
  const body = Math.abs(x) >= 1 ? x.toFixed(2) : x === 0 ? '0' : x.toPrecision(3);
  return body;
}

function duration(s: number): string {
  if (Math.abs(s) >= 3600) return `${(s / 3600).toFixed(2)} h`;
  if (Math.abs(s) >= 60) return `${(s / 60).toFixed(1)} min`;
  return `${s.toFixed(1)} s`;
}

function energy(j: number): string {
  if (Math.abs(j) >= 3.6e6) return `${(j / 3.6e6).toFixed(2)} kWh`;
  if (Math.abs(j) >= 1000) return `${(j / 1000).toFixed(1)} kJ`;
  return `${+j.toPrecision(3)} J`;
}

/**
 * The cost at a named quantile (`p5`, `p50`, `p95`...), or the point estimate
 * when the estimate has no such quantile.
 *
 * @example
 * ```ts
 * costAt(estimate, 'p95').usd;
 * ```
 */
export function costAt(c: CostEstimate, key: string): CostVector {
  return c.quantiles?.[key] ?? { usd: c.usd, seconds: c.seconds, joules: c.joules, ...(c.co2g !== undefined ? { co2g: c.co2g } : {}) };
}

/**
 * An estimate with no uncertainty: every standard quantile equals the point.
 *
 * @example
 * ```ts
 * certain({ usd: 1, seconds: 60, joules: 0 }).quantiles!.p95.usd; // 1
 * ```
 */
export function certain(c: CostVector, detail?: Readonly<Record<string, number | string>>): CostEstimate {
  // Fields named, not spread: every candidate of every call is priced through here, and a spread copies generically.
  const quantiles = { p5: c, p50: c, p95: c };
  const { usd, seconds, joules, co2g } = c;
  const e: { -readonly [K in keyof CostEstimate]: CostEstimate[K] } = co2g === undefined ? { usd, seconds, joules, quantiles } : { usd, seconds, joules, co2g, quantiles };
  if (detail) e.detail = detail;
  return e;
}
