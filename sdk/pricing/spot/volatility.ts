/** Hours of history the volatility looks at. */
const LOOKBACK = 168;
/** Longest price change measured (hours): a week-long change needs more than a week of history. */
const MAX_LAG = 24;

/**
 * How much a series' price has been moving before hour `at`: the root mean
 * square of log price changes over min(horizon, 24) hours, within the last
 * week. It needs no past forecast errors, so it describes a series the
 * calibration has never seen; 0 without two known prices.
 *
 * @example
 * ```ts
 * recentVolatility(series.hourly, 400, 24); // e.g. 0.012 (about 1.2% per day)
 * ```
 */
export function recentVolatility(hourly: Float64Array, at: number, horizon: number): number {
  const lag = Math.max(1, Math.min(horizon, MAX_LAG));
  let sum = 0;
  let n = 0;
  for (let t = Math.max(lag, at - LOOKBACK); t < at; t++) {
    const a = hourly[t - lag];
    const b = hourly[t];
    if (!(a > 0) || !(b > 0)) continue;
    const d = Math.log(b / a);
    sum += d * d;
    n++;
  }
  return n > 0 ? Math.sqrt(sum / n) : 0;
}
