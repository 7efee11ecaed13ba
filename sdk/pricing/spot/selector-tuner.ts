import { HOUR_MS } from './price-series.js';
import type { SelectorSettings } from './selector-settings.js';

/** The error the targets count windows under. */
const TARGET_APE = 0.04;
/**
 * A setting must beat naive by this many standard errors of a sign test:
 * Φ⁻¹(1 − 0.025 / 6), a one-sided 2.5% test shared by the grid's six
 * switching settings (Bonferroni), since the best of six noisy records looks
 * better than it is.
 */
const Z = 2.64;
/** Outcomes lose half their weight in a week: what held a month ago says little about spot prices now. */
const HALF_LIFE_MS = 168 * HOUR_MS;

/** How one setting's `auto` fared against naive, each window weighted by its age. */
interface SettingRecord {
  /** Windows where auto's error was smaller than naive's, and larger. */
  wins: number;
  losses: number;
  /** Sum of the squared weights of those windows (for the sign test's standard error). */
  squares: number;
  /** Windows auto brought under 4% that naive did not, and the reverse. */
  gained: number;
  lost: number;
}

/**
 * Chooses the selector's settings as history replays, the way a forecaster
 * would in production. At every origin each candidate setting has issued the
 * forecast its `auto` would have made; when a window ends, each setting's
 * forecast is compared with naive's. A setting is used only when, on the
 * windows ended so far (weights halving every week), its forecasts were
 * closer than naive's more often than not by `Z` standard errors of a sign
 * test (overlapping windows counting as fewer), and it brought at least as
 * many windows under 4% as it pushed over. Of those the strongest is used;
 * otherwise the grid's last setting, "never leave naive". Only windows of
 * series `accepts` admits count, so a held-out group tunes nothing.
 *
 * @example
 * ```ts
 * const tuner = new SelectorTuner(selectorGrid(), [80, 80], 4);
 * tuner.issue(0, 5, 2, 0.031);                 // setting 2 would forecast 0.031 $/h at origin 5 of series 0
 * tuner.learn(0, 5, 0.030, 0.033, endMs);      // that window ended: naive said 0.030, 0.033 happened
 * tuner.settings[tuner.current()];
 * ```
 */
export class SelectorTuner {
  private readonly issued: Float64Array[][];
  private readonly records: SettingRecord[];
  private now = Number.NaN;
  private scored = 0;
  private chosen: number;
  private chosenAt = -1;

  /** `overlap`: how many consecutive windows share their hours (horizon / step); the sign test counts them as one. */
  constructor(
    readonly settings: readonly SelectorSettings[],
    originsPerSeries: readonly number[],
    private readonly overlap = 1,
    private readonly accepts: (series: number) => boolean = () => true,
  ) {
    this.issued = settings.map(() => originsPerSeries.map((n) => new Float64Array(n).fill(Number.NaN)));
    this.records = settings.map(() => ({ wins: 0, losses: 0, squares: 0, gained: 0, lost: 0 }));
    this.chosen = settings.length - 1;
  }

  /** Records the forecast setting `k`'s `auto` issues at origin j of series s. */
  issue(s: number, j: number, k: number, forecast: number): void {
    this.issued[k][s][j] = forecast;
  }

  /** Compares every setting's forecast for origin j of series s with naive's, once its window has ended (at `endMs`). */
  learn(s: number, j: number, naive: number, realised: number, endMs: number): void {
    if (!this.accepts(s) || !(realised > 0) || !(naive > 0) || Number.isNaN(this.issued[0][s][j])) return;
    this.age(endMs);
    const base = Math.abs(naive - realised) / realised;
    this.records.forEach((r, k) => {
      const ape = Math.abs(this.issued[k][s][j] - realised) / realised;
      if (ape !== base) {
        if (ape < base) r.wins++; else r.losses++;
        r.squares++;
      }
      if (ape < TARGET_APE && base >= TARGET_APE) r.gained++;
      else if (ape >= TARGET_APE && base < TARGET_APE) r.lost++;
    });
    this.scored++;
  }

  /** Index (into `settings`) of the setting in use now. */
  current(): number {
    if (this.chosenAt === this.scored) return this.chosen;
    this.chosenAt = this.scored;
    let best = this.settings.length - 1;
    let bestZ = Z;
    this.records.forEach((r, k) => {
      const z = this.strength(k);
      if (r.gained >= r.lost && z > bestZ) { best = k; bestZ = z; }
    });
    return (this.chosen = best);
  }

  /** Sign-test statistic of setting `k` against naive: (wins − losses) / its standard error; 0 before any window differed. */
  strength(k: number): number {
    const { wins, losses, squares } = this.records[k];
    return squares ? (wins - losses) / Math.sqrt(squares * this.overlap) : 0;
  }

  /** Every record loses weight as time passes from the last outcome to `ms`. */
  private age(ms: number): void {
    if (ms <= this.now) return;
    const d = Number.isNaN(this.now) ? 1 : 0.5 ** ((ms - this.now) / HALF_LIFE_MS);
    this.now = ms;
    for (const r of this.records) {
      r.wins *= d; r.losses *= d; r.squares *= d * d; r.gained *= d; r.lost *= d;
    }
  }
}
