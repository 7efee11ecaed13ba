import { IntervalCalibrator } from './interval-calibration.js';

/** Volatility floors tried: from "scale by the series' own volatility" (small) to "one width for all" (large). */
const FLOORS = [0.002, 0.01, 0.03, 0.1] as const;
/** Miss share of the 90% interval, in the interval score. */
const ALPHA = 0.1;
const LEVELS = [0.05, 0.5, 0.95] as const;

/**
 * The 90% interval of `auto`, with the volatility floor chosen as it goes:
 * one conformal pool per floor, each issuing an interval at every origin;
 * when a window ends, each issued interval gets its interval score (width
 * plus 2/α times any miss, in log terms, so calm and spiky series weigh
 * alike); each origin uses the floor with the lowest mean score so far. Only
 * windows of series that may calibrate count, so a held-out group chooses
 * nothing.
 *
 * @example
 * ```ts
 * const auto = new AutoInterval(tests.map((t) => t.origins.length), (s) => s !== 3);
 * auto.issue(0, 5, 0.031, 0.012); // at origin 5 of series 0
 * auto.learn(0, 5, 0.031, 0.033, 0.012); // when its window has ended
 * ```
 */
export class AutoInterval {
  private readonly pools: IntervalCalibrator[];
  private readonly low: Float64Array[][];
  private readonly high: Float64Array[][];
  private readonly score = new Float64Array(FLOORS.length);
  private scored = 0;

  constructor(originsPerSeries: readonly number[], private readonly accepts: (series: number) => boolean = () => true) {
    this.pools = FLOORS.map((f) => new IntervalCalibrator(1, accepts, f));
    this.low = FLOORS.map(() => originsPerSeries.map((n) => new Float64Array(n).fill(Number.NaN)));
    this.high = FLOORS.map(() => originsPerSeries.map((n) => new Float64Array(n).fill(Number.NaN)));
  }

  /** The floor in use now. */
  get floor(): number {
    return FLOORS[this.best()];
  }

  /** Quantiles [5%, 50%, 95%] of a window forecast at `mean` with `volatility`, from the floor in use; undefined before any outcome. */
  interval(mean: number, volatility: number): number[] | undefined {
    return this.pools[this.best()].interval(0, mean, volatility, LEVELS);
  }

  /** Records the interval each floor issues for origin j of series s (called at the origin). */
  issue(s: number, j: number, mean: number, volatility: number): void {
    this.pools.forEach((pool, f) => {
      const q = pool.interval(0, mean, volatility, LEVELS);
      if (q) { this.low[f][s][j] = q[0]; this.high[f][s][j] = q[2]; }
    });
  }

  /** Scores the intervals issued for origin j of series s and adds its outcome to every pool (called when the window ends). */
  learn(s: number, j: number, mean: number, realised: number, volatility: number): void {
    if (!(realised > 0) || !(mean > 0)) return;
    if (this.accepts(s) && !Number.isNaN(this.low[0][s][j])) {
      const y = Math.log(realised);
      FLOORS.forEach((_, f) => {
        const l = Math.log(this.low[f][s][j]);
        const u = Math.log(this.high[f][s][j]);
        this.score[f] += u - l + (2 / ALPHA) * (Math.max(0, l - y) + Math.max(0, y - u));
      });
      this.scored++;
    }
    for (const pool of this.pools) pool.add(s, 0, Math.log(realised / mean), volatility);
  }

  private best(): number {
    if (this.scored === 0) return FLOORS.indexOf(0.01);
    let b = 0;
    for (let f = 1; f < FLOORS.length; f++) if (this.score[f] < this.score[b]) b = f;
    return b;
  }
}
