import { quantileSorted } from '../quantiles.js';
import { AUTO_MODEL, withInterval, type SpotSweep } from './sweep.js';

/** Scores of one model, in percent (the fields of `corral spot evaluate --json`). */
export interface ModelScore {
  readonly name: string;
  readonly medianApePct: number;
  readonly p95ApePct: number;
  readonly meanApePct: number;
  readonly shareUnder4Pct: number;
  readonly coverage90Pct: number;
}

/**
 * Errors and interval hits of every model (and `auto`) on the windows
 * scored so far.
 *
 * @example
 * ```ts
 * const scores = new SpotScores();
 * sweepSpot(data, models, grid, (s, j, sw) => scores.add(sw, s, j));
 * scores.summary('auto');
 * ```
 */
export class SpotScores {
  private readonly byName = new Map<string, { ape: number[]; covered: number }>();
  readonly picks: Record<string, number> = {};
  windows = 0;

  /** Scores window j of series s (its realised cost must be known) for every model and for `auto`'s pick. */
  add(sw: SpotSweep, s: number, j: number): void {
    const bt = sw.tests[s];
    const real = bt.realised[j];
    const volatility = sw.volatility[s][j];
    this.windows++;
    const pick = sw.picks[s][j];
    this.picks[sw.names[pick]] = (this.picks[sw.names[pick]] ?? 0) + 1;
    const score = (name: string, slot: number, mean: number) => {
      const f = withInterval(sw, slot, mean, volatility);
      let entry = this.byName.get(name);
      if (!entry) this.byName.set(name, (entry = { ape: [], covered: 0 }));
      entry.ape.push(Math.abs(f.mean - real) / real);
      if (real >= f.low && real <= f.high) entry.covered++;
    };
    sw.names.forEach((name, m) => score(name, m, bt.forecasts[m][j]));
    score(AUTO_MODEL, sw.names.length, bt.forecasts[pick][j]);
  }

  /** The scores of one model, in percent. */
  summary(name: string): ModelScore {
    const e = this.byName.get(name) ?? { ape: [], covered: 0 };
    const sorted = Float64Array.from(e.ape).sort();
    const n = e.ape.length || 1;
    const pct = (x: number) => +(x * 100).toFixed(4);
    return {
      name,
      medianApePct: pct(quantileSorted(sorted, 0.5)),
      p95ApePct: pct(quantileSorted(sorted, 0.95)),
      meanApePct: pct(e.ape.reduce((a, b) => a + b, 0) / n),
      shareUnder4Pct: pct(e.ape.filter((a) => a < 0.04).length / n),
      coverage90Pct: pct(e.covered / n),
    };
  }
}
