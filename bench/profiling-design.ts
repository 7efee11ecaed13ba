import type { Benchmark } from './benchmark.js';
import { compareDesigns, readProfileCsv } from '../sdk/profiling/index.js';
import { EC2_DESIGN_FEATURES, profilingFixture } from './profiling-data.js';

/**
 * Active against random experiment choice on ec2-bench under nested
 * evaluation: test error on families unseen by the design, its settings and
 * the model, after n experiments; random averaged over 20 seeds; each arm's
 * settings chosen by inner cross-validation over the pool's families only.
 */
export const profilingDesign: Benchmark = {
  suite: 'profiling',
  name: 'design-active-vs-random',
  async run({ quick }) {
    const table = readProfileCsv(profilingFixture('ec2-bench.csv'), { response: 'ffmpeg_elapsed_s', features: EC2_DESIGN_FEATURES, group: 'family' });
    const curve = compareDesigns(table, EC2_DESIGN_FEATURES, { budget: 14, seeds: 20, folds: quick ? 2 : 5, nested: true });
    const random14 = curve.random[13];
    const active6 = curve.active[5];
    const smallest = curve.active.find((p) => p.mapePct <= random14.mapePct)?.n ?? 0;
    return {
      metrics: {
        activeMapePctAt6: active6.mapePct, activeBand90At6: `${active6.lowPct.toFixed(1)}-${active6.highPct.toFixed(1)}`,
        randomMapePctAt14: random14.mapePct, randomBand90At14: `${random14.lowPct.toFixed(1)}-${random14.highPct.toFixed(1)}`,
        randomMapePctAt6: curve.random[5].mapePct, activeMapePctAt14: curve.active[13].mapePct, smallestActiveNMatchingRandom14: smallest,
        shareResamplesActive6NoWorse: curve.comparison!.shareActiveNoWorse,
        activeSettingsPerFold: curve.folds.map((f) => f.active).join(' | '), stopAtPerFold: curve.folds.map((f) => f.stopAt).join(','),
      },
      ratio: random14.mapePct / active6.mapePct,
      ratioMeaning: 'random-14 MAPE / active-6 MAPE (nested, unseen families)',
      target: 'active with 6 experiments no worse than random with 14 on families unseen by design and model',
      met: active6.mapePct <= random14.mapePct,
    };
  },
};
