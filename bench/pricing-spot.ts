import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { evaluateSpot, readSpotPrices, type ModelScore, type SpotData, type SpotEvaluation } from '../sdk/pricing/index.js';
import type { Benchmark } from './benchmark.js';

/** The shared real data sets: CORRAL_DATA, else ../shared/data beside the repository. */
function dataFile(name: string): string {
  const root = process.env.CORRAL_DATA ?? fileURLToPath(new URL('../../shared/data/', import.meta.url));
  const file = `${root.replace(/\/$/, '')}/spot/${name}`;
  if (!existsSync(file)) throw new Error(`pricing-spot benchmark: ${file} not found; set CORRAL_DATA to the folder holding spot/${name}`);
  return file;
}

function pair(result: SpotEvaluation): { naive: ModelScore; auto: ModelScore } {
  const naive = result.models.find((m) => m.name === 'naive')!;
  const auto = result.models.find((m) => m.name === result.chosen)!;
  return { naive, auto };
}

function record(metrics: Record<string, number | string>, tag: string, r: SpotEvaluation) {
  const { naive, auto } = pair(r);
  Object.assign(metrics, {
    [`${tag}Windows`]: r.windows,
    [`${tag}NaiveMedianApePct`]: naive.medianApePct, [`${tag}CorralMedianApePct`]: auto.medianApePct,
    [`${tag}NaiveUnder4Pct`]: naive.shareUnder4Pct, [`${tag}CorralUnder4Pct`]: auto.shareUnder4Pct,
    [`${tag}NaiveCoverage90Pct`]: naive.coverage90Pct, [`${tag}CorralCoverage90Pct`]: auto.coverage90Pct,
  });
  return { naive, auto };
}

type Pair = { naive: ModelScore; auto: ModelScore };

const covered = (s: ModelScore) => s.coverage90Pct >= 85 && s.coverage90Pct <= 95;
const noWorse = (x: Pair) => x.auto.medianApePct <= x.naive.medianApePct && x.auto.shareUnder4Pct >= x.naive.shareUnder4Pct;
const better = (x: Pair) => noWorse(x) && (x.auto.medianApePct < x.naive.medianApePct || x.auto.shareUnder4Pct > x.naive.shareUnder4Pct);

/** Nested by instance type: coverage on series the calibration never saw; auto against naive on every held-out type. */
function nested(metrics: Record<string, number | string>, tag: string, r: SpotEvaluation): { covered: boolean; noWorse: boolean; better: boolean; whole: Pair } {
  const whole = record(metrics, tag, r);
  const { auto } = whole;
  const folds = r.nested!.folds;
  metrics[`${tag}Folds`] = folds.map((f) => `${f.heldOut}: auto ${f.auto.medianApePct.toFixed(3)}%/${f.auto.shareUnder4Pct.toFixed(2)}% vs naive ${f.naive.medianApePct.toFixed(3)}%/${f.naive.shareUnder4Pct.toFixed(2)}%, coverage ${f.auto.coverage90Pct.toFixed(1)}%`).join('; ');
  return { covered: covered(auto), noWorse: folds.every(noWorse), better: folds.some(better), whole };
}

/** The held-out sets split by time and by zone (2015) or region (SpotLake), at 24 h and 168 h, by name. */
function splitSets(metrics: Record<string, number | string>, tag: string, data: SpotData, group: 'zone' | 'region'): [string, Pair][] {
  return [24, 168].flatMap((horizon) => (['time', group] as const).map((split): [string, Pair] => {
    const name = `${tag}h${horizon}${split === 'time' ? 'Time' : split === 'zone' ? 'Zone' : 'Region'}`;
    return [name, record(metrics, name, evaluateSpot(data, split === 'time' ? { horizon, nested: 'time' } : { horizon, nested: 'series', group: split }))];
  }));
}

/**
 * Spot cost forecasts against the naive last-price model, both scored in the
 * same run on the same windows (every 6 h after a 7-day warm-up): post-2017
 * SpotLake at 24 h and 168 h, pre-2017 events at 24 h; the same nested by
 * instance type (each type held out of selector tuning and calibration) at
 * 24 h and 168 h; every held-out set of issue 18 (both files, both horizons,
 * unsplit and split by time, type and zone or region: no worse than naive on
 * any, better on one); plus the time to read and evaluate one month of one
 * region.
 */
export const pricingSpot: Benchmark = {
  suite: 'pricing',
  name: 'spot-forecast',
  async run({ quick }) {
    const metrics: Record<string, number | string> = {};
    const spotlake = dataFile('spotlake-2024-01-dev.csv');
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const region = evaluateSpot(readSpotPrices(spotlake, { regions: ['us-east-1'] }), { horizon: 24 });
    const cpu = process.cpuUsage(cpu0);
    metrics.oneRegionMonthWallS = +((performance.now() - t0) / 1000).toFixed(3);
    metrics.oneRegionMonthCpuS = +((cpu.user + cpu.system) / 1e6).toFixed(3);
    metrics.oneRegionSeries = region.series;
    const timingMet = metrics.oneRegionMonthWallS < 10;
    if (quick) {
      const { naive, auto } = record(metrics, 'region24h', region);
      return { metrics, ratio: naive.medianApePct / auto.medianApePct, ratioMeaning: 'naive / corral median APE, us-east-1 24 h (> 1 = corral better)', target: 'one month of one region evaluated in < 10 s', met: timingMet };
    }
    const post = readSpotPrices(spotlake);
    const p24 = record(metrics, 'post2017h24', evaluateSpot(post, { horizon: 24 }));
    const p168 = record(metrics, 'post2017h168', evaluateSpot(post, { horizon: 168 }));
    const pre2015 = readSpotPrices(dataFile('aws-2015-us-east-1-dev.csv'));
    const pre = record(metrics, 'pre2017h24', evaluateSpot(pre2015, { horizon: 24 }));
    const nestedRuns = [
      nested(metrics, 'nestedPost2017h24', evaluateSpot(post, { horizon: 24, nested: 'series', group: 'type' })),
      nested(metrics, 'nestedPost2017h168', evaluateSpot(post, { horizon: 168, nested: 'series', group: 'type' })),
      nested(metrics, 'nestedPre2017h24', evaluateSpot(pre2015, { horizon: 24, nested: 'series', group: 'type' })),
      nested(metrics, 'nestedPre2017h168', evaluateSpot(pre2015, { horizon: 168, nested: 'series', group: 'type' })),
    ];
    // Issue 18's held-out sets: unsplit, by type (above), by time and by zone or region, 16 in all.
    const sets: [string, Pair][] = [
      ['post2017h24', p24], ['post2017h168', p168], ['pre2017h24', pre],
      ['pre2017h168', record(metrics, 'pre2017h168', evaluateSpot(pre2015, { horizon: 168 }))],
      ...nestedRuns.map((x, i): [string, Pair] => [['nestedPost2017h24', 'nestedPost2017h168', 'nestedPre2017h24', 'nestedPre2017h168'][i], x.whole]),
      ...splitSets(metrics, 'post2017', post, 'region'), ...splitSets(metrics, 'pre2017', pre2015, 'zone'),
    ];
    const worse = sets.filter(([, x]) => !noWorse(x)).map(([name]) => name);
    metrics.heldOutSetsWorseThanNaive = worse.join(', ') || 'none';
    metrics.heldOutSetsBetterThanNaive = sets.filter(([, x]) => better(x)).map(([name]) => name).join(', ') || 'none';
    const beats = (x: { naive: ModelScore; auto: ModelScore }) => x.auto.medianApePct < x.naive.medianApePct && x.auto.shareUnder4Pct > x.naive.shareUnder4Pct;
    // At 24 h post-2017 naive is already at 100% under 4%: matching it is all that is possible there.
    const beats24 = p24.auto.medianApePct < p24.naive.medianApePct && (p24.auto.shareUnder4Pct > p24.naive.shareUnder4Pct || p24.auto.shareUnder4Pct === 100);
    const checks = {
      post2017h24BeatsNaive: beats24,
      post2017h168BeatsNaive: beats(p168),
      pre2017h24Under4AtLeast60: pre.auto.shareUnder4Pct >= 60 && pre.auto.medianApePct <= pre.naive.medianApePct,
      coverage85to95: [p24, p168, pre].every((x) => covered(x.auto)),
      oneRegionMonthUnder10s: timingMet,
      nestedCoverage85to95: nestedRuns.every((x) => x.covered),
      nestedNoWorseThanNaiveOnEveryHeldOutType: nestedRuns.every((x) => x.noWorse),
      nestedBetterOnAtLeastOne: nestedRuns.some((x) => x.better),
      everyHeldOutSetNoWorseThanNaive: worse.length === 0,
      betterThanNaiveOnAtLeastOneSet: sets.some(([, x]) => better(x)),
    };
    for (const [k, v] of Object.entries(checks)) metrics[k] = v ? 'met' : 'NOT met';
    return {
      metrics,
      ratio: p168.naive.medianApePct / p168.auto.medianApePct,
      ratioMeaning: 'naive / corral median APE, post-2017 168 h (> 1 = corral better)',
      target: 'post-2017 24 h and 168 h: beat naive on median APE and share under 4%; pre-2017 24 h: >= 60% under 4% without a worse median; 90% intervals cover 85-95%, also nested by instance type (calibration never saw the scored type); nested: no worse than naive on every held-out type and better on one; every held-out set (2 files x 24/168 h x unsplit/time/type/zone or region) no worse than naive on median APE and share under 4%, better on one; one month of one region < 10 s',
      met: Object.values(checks).every(Boolean),
    };
  },
};
