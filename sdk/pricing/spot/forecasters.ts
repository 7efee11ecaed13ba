/**
 * A point forecaster of the mean spot price over the next `horizon` hours,
 * from the hourly history before index `at` (NaN hours are skipped). The cost
 * of running `horizon` hours is this mean times `horizon`.
 *
 * @example
 * ```ts
 * const f: SpotForecaster = { name: 'flat', description: 'always 0.03', forecast: () => 0.03 };
 * ```
 */
export interface SpotForecaster {
  readonly name: string;
  readonly description: string;
  forecast(hourly: Float64Array, at: number, horizon: number): number;
}

/** The last `n` known prices before `at`, oldest first. */
function lastKnown(hourly: Float64Array, at: number, n: number): number[] {
  const out: number[] = [];
  for (let i = at - 1; i >= 0 && out.length < n; i--) if (!Number.isNaN(hourly[i])) out.push(hourly[i]);
  return out.reverse();
}

function mean(xs: readonly number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return s / xs.length;
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

const naive: SpotForecaster = {
  name: 'naive',
  description: 'last price x duration (the baseline every figure is compared with)',
  forecast: (h, at) => lastKnown(h, at, 1)[0] ?? Number.NaN,
};

const mean24: SpotForecaster = {
  name: 'mean-24h',
  description: 'mean of the last 24 hours (smooths short spikes)',
  forecast: (h, at) => mean(lastKnown(h, at, 24)),
};

const median24: SpotForecaster = {
  name: 'median-24h',
  description: 'median of the last 24 hours (ignores short spikes)',
  forecast: (h, at) => median(lastKnown(h, at, 24)),
};

/** Least-squares slope of ys against 0..n-1. */
function slope(ys: readonly number[]): number {
  const n = ys.length;
  if (n < 3) return 0;
  const mx = (n - 1) / 2;
  const my = mean(ys);
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) { sxy += (i - mx) * (ys[i] - my); sxx += (i - mx) ** 2; }
  return sxy / sxx;
}

const drift: SpotForecaster = {
  name: 'drift',
  description: 'last price plus the 72-hour linear trend, damped by half and capped at 25% of the price',
  forecast: (h, at, horizon) => {
    const ys = lastKnown(h, at, 72);
    const last = ys[ys.length - 1];
    // A trend is carried only halfway and capped: spot trends rarely last a whole week.
    const change = slope(ys) * ((horizon + 1) / 2) * 0.5;
    return last + Math.max(-0.25 * last, Math.min(0.25 * last, change));
  },
};

const meanReversion: SpotForecaster = {
  name: 'mean-reversion',
  description: 'AR(1) around the 7-day mean: the last price decays toward the weekly mean',
  forecast: (h, at, horizon) => {
    const ys = lastKnown(h, at, 168);
    const mu = mean(ys);
    const last = ys[ys.length - 1];
    let num = 0;
    let den = 0;
    for (let i = 1; i < ys.length; i++) { num += (ys[i] - mu) * (ys[i - 1] - mu); den += (ys[i - 1] - mu) ** 2; }
    const phi = den > 0 ? Math.min(0.999, Math.max(0, num / den)) : 1;
    if (phi >= 0.999) return last;
    // Mean of phi^1..phi^H: the average share of today's deviation left over the horizon.
    const carried = (phi * (1 - phi ** horizon)) / (horizon * (1 - phi));
    return mu + (last - mu) * carried;
  },
};

const seasonal: SpotForecaster = {
  name: 'seasonal-daily',
  description: 'last price adjusted by the hour-of-day profile of the last 7 days',
  forecast: (h, at, horizon) => {
    const from = Math.max(0, at - 168);
    const sum = new Float64Array(24);
    const count = new Float64Array(24);
    for (let i = from; i < at; i++) {
      if (Number.isNaN(h[i])) continue;
      sum[i % 24] += h[i];
      count[i % 24]++;
    }
    const profile = Array.from(sum, (s, k) => (count[k] ? s / count[k] : Number.NaN));
    const known = profile.filter((x) => !Number.isNaN(x));
    const level = mean(known);
    const last = lastKnown(h, at, 1)[0];
    const lastHour = (at - 1) % 24;
    const dev = (k: number) => (Number.isNaN(profile[k]) ? 0 : profile[k] - level);
    let total = 0;
    for (let k = 0; k < horizon; k++) total += dev((at + k) % 24);
    return last - dev(lastHour) + total / horizon;
  },
};

const ses: SpotForecaster = {
  name: 'ses',
  description: 'simple exponential smoothing, alpha fitted on the last 7 days of one-hour-ahead errors',
  forecast: (h, at) => {
    const ys = lastKnown(h, at, 168);
    let best = ys[ys.length - 1];
    let bestErr = Number.POSITIVE_INFINITY;
    for (const alpha of [0.05, 0.1, 0.2, 0.4, 0.7, 1]) {
      let level = ys[0];
      let err = 0;
      for (let i = 1; i < ys.length; i++) { err += (ys[i] - level) ** 2; level += alpha * (ys[i] - level); }
      if (err < bestErr) { bestErr = err; best = level; }
    }
    return best;
  },
};

/**
 * Every built-in spot forecaster, naive first.
 *
 * @example
 * ```ts
 * for (const f of SPOT_FORECASTERS) console.log(f.name, f.forecast(s.hourly, 200, 24));
 * ```
 */
export const SPOT_FORECASTERS: readonly SpotForecaster[] = Object.freeze([naive, mean24, median24, drift, meanReversion, seasonal, ses]);
