import type { SeriesBacktest } from './backtest.js';
import { originMs } from './backtest.js';
import type { SpotForecaster } from './forecasters.js';
import type { SpotData } from './price-series.js';
import type { SelectorSettings } from './selector-settings.js';
import { SpotScores, type ModelScore } from './spot-scores.js';
import { sweepSpot, type SweepOptions } from './sweep.js';

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
  /** The selector settings in use for most of this set's windows, chosen without it. */
  readonly selector: SelectorSettings;
  readonly naive: ModelScore;
  readonly auto: ModelScore;
}

/**
 * Nested evaluation of spot forecasts. `series`: each group of series (by
 * instance type, zone or region) is held out in turn; the selector's settings
 * are chosen as history replays from the other groups' windows only (see
 * `SelectorTuner`), and intervals are calibrated on the other groups'
 * windows only, so neither ever sees the series they are scored on. `time`:
 * windows starting after the middle of the period are scored; settings and
 * calibration come, as always, from windows that had ended before each
 * origin. Within every sweep, selection and calibration use only windows that
 * had ended (rolling origin). `scores` collects every scored window.
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
  const scored = (s: number, j: number) => tests[s].origins[j] >= grid.warmup && !Number.isNaN(tests[s].realised[j]);
  const fold = (heldOut: string, inFold: (s: number, j: number) => boolean, options: SweepOptions): NestedFold => {
    const own = new SpotScores();
    const used = new Map<number, number>();
    const series = new Set<number>();
    const sweep = sweepSpot(data, base, grid, (s, j, sw) => {
      if (!scored(s, j) || !inFold(s, j)) return;
      own.add(sw, s, j); scores.add(sw, s, j);
      used.set(sw.settingUsed[s][j], (used.get(sw.settingUsed[s][j]) ?? 0) + 1);
      series.add(s);
    }, { ...options, tests });
    const most = [...used].sort((a, b) => b[1] - a[1])[0]?.[0] ?? sweep.tuner.settings.length - 1;
    return { heldOut, series: series.size, windows: own.windows, selector: sweep.tuner.settings[most], naive: own.summary('naive'), auto: own.summary('auto') };
  };
  if (options.split === 'time') {
    const starts = tests.flatMap((bt, s) => Array.from(bt.origins, (_, j) => (scored(s, j) ? originMs(bt, j) : Number.NaN))).filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
    const mid = starts[starts.length >> 1];
    return [fold(`after ${new Date(mid).toISOString()}`, (s, j) => originMs(tests[s], j) >= mid, {})];
  }
  const groupOf = tests.map((bt) => groupLabel(bt.series, options.group ?? 'type'));
  return [...new Set(groupOf)].map((g) => {
    const others = (s: number) => groupOf[s] !== g;
    return fold(g, (s) => groupOf[s] === g, { tunes: others, calibrates: others });
  });
}

function groupLabel(series: { instanceType: string; zone: string; region?: string }, group: SeriesGrouping): string {
  if (group === 'type') return series.instanceType;
  if (group === 'zone') return series.zone;
  // Event files name zones (us-east-1a), not regions: the region is the zone less its letter.
  return series.region ?? series.zone.replace(/[a-z]$/, '');
}
