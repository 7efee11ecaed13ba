/** z of the central 80% interval of a normal distribution. */
export const Z80 = 1.2815515655446004;

/**
 * Median, stdev and central 80% interval (seconds) of a log-normal given the
 * mean and stdev of the log: how every model turns log-space fits into times.
 *
 * @example
 * ```ts
 * fromLogSpace(Math.log(10), 0.2); // { seconds: 10, stdev: ≈2.0, lower80: ≈7.7, upper80: ≈12.9 }
 * ```
 */
export function fromLogSpace(mu: number, sd: number): { seconds: number; stdev: number; lower80: number; upper80: number } {
  const seconds = Math.exp(mu);
  return {
    seconds,
    stdev: seconds * Math.sqrt(Math.expm1(sd * sd)),
    lower80: Math.exp(mu - Z80 * sd),
    upper80: Math.exp(mu + Z80 * sd),
  };
}

/**
 * The q-quantile (0..1) of values, by linear interpolation; NaN when empty.
 *
 * @example
 * ```ts
 * quantile([1, 2, 3, 4], 0.5); // 2.5
 * ```
 */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const s = [...values].sort((a, b) => a - b);
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}
