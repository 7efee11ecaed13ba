/** Default bin width of log residuals: 0.05% relative error. */
const WIDTH = 0.0005;
/** Default range: residuals beyond ±LIMIT (a factor of e^4 ≈ 55) land in the end bins. */
const LIMIT = 4;

/**
 * A running distribution of log residuals with O(log n) insertion and
 * quantile queries (a Fenwick tree over fixed bins), so that quantiles of
 * tens of thousands of pooled backtest errors can be asked after every new
 * outcome without re-sorting.
 *
 * @example
 * ```ts
 * const h = new ResidualHistogram();
 * h.add(0.01); h.add(-0.02); h.add(0.03);
 * h.quantile(0.5); // ≈ 0.01
 * ```
 */
export class ResidualHistogram {
  private readonly bins: number;
  private readonly tree: Float64Array;
  private n = 0;

  /** `width`: bin width; values beyond ±`limit` land in the end bins. */
  constructor(private readonly width = WIDTH, private readonly limit = LIMIT) {
    this.bins = Math.ceil((2 * limit) / width) + 1;
    this.tree = new Float64Array(this.bins + 1);
  }

  get count(): number {
    return this.n;
  }

  add(x: number): void {
    const bin = Math.max(0, Math.min(this.bins - 1, Math.round((x + this.limit) / this.width)));
    for (let i = bin + 1; i <= this.bins; i += i & -i) this.tree[i]++;
    this.n++;
  }

  /** The p-quantile (to within one bin), NaN when empty. */
  quantile(p: number): number {
    if (this.n === 0) return Number.NaN;
    // The smallest bin whose cumulative count reaches rank k (1-based).
    const k = Math.max(1, Math.ceil(p * this.n));
    let pos = 0;
    let rest = k;
    for (let step = 1 << Math.floor(Math.log2(this.bins)); step > 0; step >>= 1) {
      const next = pos + step;
      if (next <= this.bins && this.tree[next] < rest) { pos = next; rest -= this.tree[next]; }
    }
    return pos * this.width - this.limit;
  }
}
