import type { Benchmark } from './benchmark.js';
import { holdoutScore, readProfileCsv } from '../sdk/profiling/index.js';
import { EC2_FEATURES, profilingFixture } from './profiling-data.js';

/**
 * ffmpeg seconds on EC2 instance families never seen in training, after one
 * run on each new family (grouped 5-fold, mean over seeds). Baseline: the
 * plain additive power-law composite (every feature's log term, no term
 * selection, no interactions) with the same one-point retraining.
 */
export const profilingEc2Family: Benchmark = {
  suite: 'profiling',
  name: 'ec2-family-retrain1',
  async run({ quick }) {
    const table = readProfileCsv(profilingFixture('ec2-bench.csv'), { response: 'ffmpeg_elapsed_s', features: EC2_FEATURES, group: 'family' });
    const seeds = quick ? [1] : [1, 2, 3, 4, 5];
    let corral = 0; let base = 0; let median = 0; let coverage = 0; let baseCoverage = 0;
    for (const seed of seeds) {
      const c = holdoutScore(table, { features: EC2_FEATURES, retrain: 1, seed });
      const b = holdoutScore(table, { features: EC2_FEATURES, retrain: 1, seed, select: false, calibrate: false });
      corral += c.mapePct / seeds.length; median += c.medianApePct / seeds.length; coverage += c.coverage80Pct / seeds.length;
      base += b.mapePct / seeds.length; baseCoverage += b.coverage80Pct / seeds.length;
    }
    return {
      metrics: { rows: table.rows.length, seeds: seeds.length, corralMapePct: corral, corralMedianApePct: median, baselineMapePct: base, corralCoverage80Pct: coverage, baselineCoverage80Pct: baseCoverage },
      ratio: base / corral,
      ratioMeaning: 'baseline MAPE / corral MAPE',
      target: 'mean absolute % error <= 15% on unseen families with one retraining point; 80% intervals cover 75-85%',
      met: corral <= 15 && coverage >= 75 && coverage <= 85,
    };
  },
};
