import { ResidualHistogram } from './residual-histogram.js';

/**
 * Default volatility added to every series' own before scaling, so a series
 * whose price has not moved still gets an interval (1% of the price).
 */
export const VOLATILITY_FLOOR = 0.01;
/** Standardised scores are binned by 0.005 up to ±40 (beyond: the end bins). */
const Z_WIDTH = 0.005;
const Z_LIMIT = 40;

/**
 * Split-conformal calibration of spot intervals, scaled by each series' own
 * volatility: every matured window adds the score z = log(realised /
 * forecast) / (volatility + floor) of each model to that model's pool; an
 * interval is the forecast times exp((volatility + floor) · q) for the pool's
 * quantiles q. Scaling makes scores of calm and spiky series comparable, so
 * a pool of other series calibrates a series it never saw. Series for which
 * `accepts` is false (a held-out group) never enter the pool.
 *
 * @example
 * ```ts
 * const cal = new IntervalCalibrator(models);
 * cal.add(0, 3, Math.log(0.031 / 0.030), 0.01);
 * cal.interval(3, 0.030, 0.01, [0.05, 0.5, 0.95]);
 * ```
 */
export class IntervalCalibrator {
  private readonly pools: ResidualHistogram[];

  constructor(models: number, private readonly accepts: (series: number) => boolean = () => true, readonly floor = VOLATILITY_FLOOR) {
    this.pools = Array.from({ length: models }, () => new ResidualHistogram(Z_WIDTH, Z_LIMIT));
  }

  /** Records model `m`'s log residual on a window of series `s` whose origin had volatility `volatility`. */
  add(s: number, m: number, logResidual: number, volatility: number): void {
    if (!Number.isFinite(logResidual) || !this.accepts(s)) return;
    this.pools[m].add(logResidual / (volatility + this.floor));
  }

  /** Windows in model `m`'s pool. */
  count(m: number): number {
    return this.pools[m].count;
  }

  /**
   * Quantiles (at `levels`) of the cost of a window forecast at `mean` $/h by
   * model `m` from an origin with `volatility`; undefined while the pool is
   * empty. The finite-sample conformal correction widens the tails slightly.
   */
  interval(m: number, mean: number, volatility: number, levels: readonly number[]): number[] | undefined {
    const pool = this.pools[m];
    const n = pool.count;
    if (n === 0) return undefined;
    const scale = volatility + this.floor;
    return levels.map((p) => {
      const adjusted = p < 0.5 ? Math.floor((n + 1) * p) / n : p > 0.5 ? Math.min(1, Math.ceil((n + 1) * p) / n) : p;
      return mean * Math.exp(scale * pool.quantile(Math.max(1 / n, adjusted)));
    });
  }
}
