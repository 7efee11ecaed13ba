import type { Benchmark } from './benchmark.js';
import { compareDesigns, readProfileCsv } from '../sdk/profiling/index.js';
import { EC2_DESIGN_FEATURES, profilingFixture } from './profiling-data.js';

/**
 * Active against random experiment choice on ec2-bench: test error on
 * held-out families after n experiments, random averaged over 20 seeds.
 */
export const profilingDesign: Benchmark = {
  suite: 'profiling',
  name: 'design-active-vs-random',
  async run({ quick }) {
    const table = readProfileCsv(profilingFixture('ec2-bench.csv'), { response: 'ffmpeg_elapsed_s', features: EC2_DESIGN_FEATURES, group: 'family' });
    const curve = compareDesigns(table, EC2_DESIGN_FEATURES, { budget: 14, seeds: 20, folds: quick ? 2 : 5 });
    const random14 = curve.random[13].mapePct;
    const active6 = curve.active[5].mapePct;
    const smallest = curve.active.find((p) => p.mapePct <= random14)?.n ?? 0;
    return {
      metrics: { activeMapePctAt6: active6, randomMapePctAt14: random14, randomMapePctAt6: curve.random[5].mapePct, activeMapePctAt14: curve.active[13].mapePct, smallestActiveNMatchingRandom14: smallest },
      ratio: random14 / active6,
      ratioMeaning: 'random-14 MAPE / active-6 MAPE',
      target: 'active with 6 experiments no worse than random with 14',
      met: active6 <= random14,
    };
  },
};
