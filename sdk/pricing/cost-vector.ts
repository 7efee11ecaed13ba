/**
 * What running something costs: dollars, seconds, joules and optionally grams
 * of CO2.
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

/** A cost estimate with its uncertainty: quantiles of each component. */
export interface CostEstimate extends CostVector {
  /** e.g. { p10: {...}, p50: {...}, p90: {...} } */
  readonly quantiles?: Readonly<Record<string, CostVector>>;
}

/** The zero cost. */
export const ZERO_COST: CostVector = Object.freeze({ usd: 0, seconds: 0, joules: 0 });
