import { quantileSorted } from '../quantiles.js';
import { ResidualHistogram } from './residual-histogram.js';

/** Default weight of the pooled error in a series' score, in windows. */
const POOL_WEIGHT = 10;
/** APEs are clipped at 10% when scoring (by default), so one spike does not decide a model. */
const APE_CLIP = 0.1;

/**
 * The past errors of every model on every series, as outcomes become known:
 * what the per-series selector scores and bias corrections are drawn from
 * (intervals have their own conformal pools). A series with few outcomes of
 * its own leans on all series pooled.
 *
 * @example
 * ```ts
 * const ledger = new ErrorLedger(modelCount, seriesCount);
 * ledger.add(0, 2, 0.031, 0.033); // series 0, model 2 predicted 0.031 $/h, 0.033 happened
 * ledger.score(0, 2);
 * ```
 */
export class ErrorLedger {
  private readonly ownSum: Float64Array[];
  private readonly ownN: Uint32Array[];
  private readonly ownRes: number[][][];
  private readonly poolSum: Float64Array;
  private readonly poolN: Uint32Array;
  private readonly poolRes: ResidualHistogram[];

  /** `pools`: series whose outcomes enter the pooled record (default all); a held-out group stays out of it. */
  constructor(
    readonly models: number,
    series: number,
    private readonly poolWeight = POOL_WEIGHT,
    private readonly clip = APE_CLIP,
    private readonly pools: (series: number) => boolean = () => true,
  ) {
    this.ownSum = Array.from({ length: series }, () => new Float64Array(models));
    this.ownN = Array.from({ length: series }, () => new Uint32Array(models));
    this.ownRes = Array.from({ length: series }, () => Array.from({ length: models }, () => []));
    this.poolSum = new Float64Array(models);
    this.poolN = new Uint32Array(models);
    this.poolRes = Array.from({ length: models }, () => new ResidualHistogram());
  }

  /** Records one outcome: model `m` on series `s` predicted `predicted` $/h and `realised` happened. */
  add(s: number, m: number, predicted: number, realised: number): void {
    if (!(predicted > 0) || !(realised > 0)) return;
    const ape = Math.min(this.clip, Math.abs(predicted - realised) / realised);
    const res = Math.log(realised / predicted);
    this.ownSum[s][m] += ape;
    this.ownN[s][m]++;
    insertSorted(this.ownRes[s][m], res);
    if (!this.pools(s)) return;
    this.poolSum[m] += ape;
    this.poolN[m]++;
    this.poolRes[m].add(res);
  }

  /**
   * Mean clipped APE of model `m` on series `s`, shrunk toward the pooled
   * mean (weighing `poolWeight` windows); Infinity with no outcomes.
   */
  score(s: number, m: number, poolWeight = this.poolWeight): number {
    const n = this.ownN[s][m];
    const pooled = this.poolN[m] ? this.poolSum[m] / this.poolN[m] : Number.NaN;
    if (n === 0) return Number.isNaN(pooled) ? Number.POSITIVE_INFINITY : pooled;
    if (Number.isNaN(pooled)) return this.ownSum[s][m] / n;
    return (this.ownSum[s][m] + poolWeight * pooled) / (n + poolWeight);
  }

  /**
   * Quantiles of log(realised / predicted) for model `m`: from series `s`
   * alone when it has at least `minOwn` outcomes, else from all series;
   * undefined with no outcomes at all.
   */
  residualQuantiles(s: number, m: number, levels: readonly number[], minOwn: number): number[] | undefined {
    const own = this.ownRes[s][m];
    if (own.length >= minOwn && own.length > 0) return levels.map((p) => quantileSorted(own, p));
    if (this.poolRes[m].count === 0) return undefined;
    return levels.map((p) => this.poolRes[m].quantile(p));
  }
}

function insertSorted(xs: number[], x: number): void {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  xs.splice(lo, 0, x);
}
