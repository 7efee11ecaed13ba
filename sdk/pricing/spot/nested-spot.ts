import type { SeriesBacktest } from './backtest.js';
import { maturesAt, originMs } from './backtest.js';
import type { SpotForecaster } from './forecasters.js';
import type { SpotData } from './price-series.js';
import { DEFAULT_SELECTOR, selectorGrid, type SelectorSettings } from './selector-settings.js';
import { SpotScores, type ModelScore } from './spot-scores.js';
import { sweepSpot } from './sweep.js';

/** How nested evaluation holds data out: whole groups of series, or the later half of the period. */
export type NestedSplit = 'series' | 'time';
/** What groups series when `split` is `series`. */
export type SeriesGrouping = 'type' | 'zone' | 'region';

/** One held-out set of a nested evaluation. */
export interface NestedFold {
  /** The held-out group (`c3.xlarge`), or `after <ISO time>` for the time split. */
  readonly heldOut: string;
  readonly series: number;
  readonly windows: number;
  /** Selector settings chosen without this set. */
  readonly selector: SelectorSettings;
  readonly naive: ModelScore;
  readonly auto: ModelScore;
}

/** APEs above 4% are clipped when settings tie on the targets, as the selector itself does. */
const APE_CLIP = DEFAULT_SELECTOR.clip ?? 0.04;

interface Context {
  readonly data: SpotData;
  readonly base: readonly SpotForecaster[];
  readonly grid: { horizon: number; step: number; warmup: number };
  readonly tests: readonly SeriesBacktest[];
}

/**
 * Nested evaluation of spot forecasts. `series`: each group of series (by
 * instance type, zone or region) is held out in turn; the selector's settings
 * are chosen on the other groups (no worse than naive on median error and
 * share under 4% in each of them, then the lowest clipped error), and
 * intervals are calibrated on the other groups' windows only, so neither ever
 * sees the series they are scored on. `time`: settings are chosen on windows
 * that ended before the middle of the period and scored on windows starting
 * after it. Within every sweep, selection and calibration use only windows
 * that had ended (rolling origin). `scores` collects every scored window.
 *
 * @example
 * ```ts
 * const scores = new SpotScores();
 * const folds = nestedSpot(data, SPOT_FORECASTERS, grid, tests, { split: 'series', group: 'type' }, scores);
 * ```
 */
export function nestedSpot(
  data: SpotData,
  base: readonly SpotForecaster[],
  grid: { horizon: number; step: number; warmup: number },
  tests: readonly SeriesBacktest[],
  options: { split: NestedSplit; group?: SeriesGrouping },
  scores: SpotScores,
): NestedFold[] {
  const ctx: Context = { data, base, grid, tests };
  const scored = (s: number, j: number) => tests[s].origins[j] >= grid.warmup && !Number.isNaN(tests[s].realised[j]);
  const typeOf = tests.map((bt) => bt.series.instanceType);
  const groupOf = tests.map((bt) => groupLabel(bt.series, options.group ?? 'type'));
  const best = (use: (s: number, j: number) => boolean, setsOf: readonly string[], within?: (s: number) => boolean) => (
    chooseSelector(selectorErrors(ctx, scored, within), use, setsOf)
  );
  if (options.split === 'time') {
    const starts = tests.flatMap((bt, s) => Array.from(bt.origins, (_, j) => (scored(s, j) ? originMs(bt, j) : Number.NaN))).filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
    const mid = starts[starts.length >> 1];
    const selector = best((s, j) => maturesAt(tests[s], j) <= mid, typeOf);
    const fold = new SpotScores();
    sweepSpot(data, base, grid, (s, j, sw) => {
      if (scored(s, j) && originMs(tests[s], j) >= mid) { fold.add(sw, s, j); scores.add(sw, s, j); }
    }, { selector, tests });
    return [{ heldOut: `after ${new Date(mid).toISOString()}`, series: tests.length, windows: fold.windows, selector, naive: fold.summary('naive'), auto: fold.summary('auto') }];
  }
  return [...new Set(groupOf)].map((g) => {
    // Sweeps without the held-out series at all: their errors would enter the pooled scores of the others.
    const selector = best((s) => groupOf[s] !== g, groupOf, (s) => groupOf[s] !== g);
    const fold = new SpotScores();
    sweepSpot(data, base, grid, (s, j, sw) => {
      if (groupOf[s] === g && scored(s, j)) { fold.add(sw, s, j); scores.add(sw, s, j); }
    }, { selector, tests, calibrates: (s) => groupOf[s] !== g });
    return { heldOut: g, series: groupOf.filter((x) => x === g).length, windows: fold.windows, selector, naive: fold.summary('naive'), auto: fold.summary('auto') };
  });
}

/** Per selector setting, the APE of auto and of naive at every (series, window); NaN where not scored. */
interface SelectorErrors {
  readonly auto: Float64Array[][];
  readonly naive: Float64Array[];
}

/** `within`: only these series take part in the sweeps (default all). */
function selectorErrors(ctx: Context, scored: (s: number, j: number) => boolean, within: (s: number) => boolean = () => true): SelectorErrors {
  const naive = ctx.tests.map((bt) => new Float64Array(bt.origins.length).fill(Number.NaN));
  const index = ctx.tests.flatMap((_, s) => (within(s) ? [s] : []));
  const subset = index.map((s) => ctx.tests[s]);
  const auto = selectorGrid().map((selector) => {
    const out = ctx.tests.map((bt) => new Float64Array(bt.origins.length).fill(Number.NaN));
    sweepSpot(ctx.data, ctx.base, ctx.grid, (k, j, sw) => {
      const s = index[k];
      if (!scored(s, j)) return;
      const real = sw.tests[k].realised[j];
      out[s][j] = Math.abs(sw.tests[k].forecasts[sw.picks[k][j]][j] - real) / real;
      naive[s][j] = Math.abs(sw.tests[k].forecasts[0][j] - real) / real;
    }, { selector, tests: subset });
    return out;
  });
  return { auto, naive };
}

/**
 * The selector settings for a held-out set, from the windows `use` admits
 * (never the held-out set's): among settings whose `auto` is no worse than
 * naive on median APE and share under 4% in every set of `setsOf` seen,
 * the one with the lowest mean clipped APE; when none is, the one that falls
 * short of naive least. The grid's "never switch" end always qualifies.
 */
function chooseSelector(errors: SelectorErrors, use: (s: number, j: number) => boolean, setsOf: readonly string[]): SelectorSettings {
  const grid = selectorGrid();
  let best = grid[grid.length - 1];
  let bestKey = [Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY];
  errors.auto.forEach((auto, k) => {
    const sets = new Map<string, { a: number[]; n: number[] }>();
    let clipped = 0; let count = 0;
    auto.forEach((row, s) => row.forEach((v, j) => {
      if (Number.isNaN(v) || !use(s, j)) return;
      const e = sets.get(setsOf[s]) ?? { a: [], n: [] };
      e.a.push(v); e.n.push(errors.naive[s][j]);
      sets.set(setsOf[s], e);
      clipped += Math.min(APE_CLIP, v); count++;
    }));
    if (count === 0) return;
    let shortfall = 0;
    for (const { a, n } of sets.values()) {
      shortfall += Math.max(0, median(a) - median(n)) + Math.max(0, under4(n) - under4(a));
    }
    const key = [shortfall, clipped / count];
    if (key[0] < bestKey[0] - 1e-12 || (Math.abs(key[0] - bestKey[0]) <= 1e-12 && key[1] < bestKey[1])) { bestKey = key; best = grid[k]; }
  });
  return best;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function under4(xs: readonly number[]): number {
  return xs.filter((x) => x < 0.04).length / xs.length;
}

function groupLabel(series: { instanceType: string; zone: string; region?: string }, group: SeriesGrouping): string {
  if (group === 'type') return series.instanceType;
  if (group === 'zone') return series.zone;
  // Event files name zones (us-east-1a), not regions: the region is the zone less its letter.
  return series.region ?? series.zone.replace(/[a-z]$/, '');
}
