/**
 * What running something costs: dollars, seconds and joules, and optionally
 * grams of CO2.
 *
 * @example
 * ```ts
 * const c: CostVector = { usd: 0.002, seconds: 12, joules: 180 };
 * ```
 */
export interface CostVector {
  readonly usd: number;
  readonly seconds: number;
  readonly joules: number;
  readonly co2g?: number;
}

/**
 * A cost estimate with its uncertainty: quantiles of each component, keyed
 * `p5`, `p50`, `p95` (see {@link quantileKey}).
 *
 * @example
 * ```ts
 * const e: CostEstimate = { usd: 1.2, seconds: 3600, joules: 0, quantiles: { p5: { usd: 1.1, seconds: 3600, joules: 0 }, p95: { usd: 1.4, seconds: 3900, joules: 0 } } };
 * ```
 */
export interface CostEstimate extends CostVector {
  /** e.g. { p5: {...}, p50: {...}, p95: {...} } */
  readonly quantiles?: Readonly<Record<string, CostVector>>;
  /** Model-specific figures behind the estimate (service units, egress USD, expected interruptions...). */
  readonly detail?: Readonly<Record<string, number | string>>;
}

/**
 * The zero cost.
 *
 * @example
 * ```ts
 * addCosts(ZERO_COST, { usd: 1, seconds: 2, joules: 3 }); // { usd: 1, seconds: 2, joules: 3 }
 * ```
 */
export const ZERO_COST: CostVector = Object.freeze({ usd: 0, seconds: 0, joules: 0 });
