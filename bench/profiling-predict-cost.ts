import type { Benchmark } from './benchmark.js';
import type { EndpointDescription } from '../sdk/endpoints/index.js';
import { ProfilePredictor, RunningMeanPredictor, readProfileCsv, type Predictor } from '../sdk/profiling/index.js';
import { profilingFixture } from './profiling-data.js';

/**
 * Cost of one (task, endpoint) prediction from a fitted ProfilePredictor:
 * 10,000 tasks x 32 endpoints (quick: 1,000 x 32). Baseline: RunningMeanPredictor
 * on the same calls.
 */
export const profilingPredictCost: Benchmark = {
  suite: 'profiling',
  name: 'predict-cost',
  async run({ quick }) {
    const table = readProfileCsv(profilingFixture('ec2-bench.csv'), { response: 'ffmpeg_elapsed_s', features: ['vcpus', 'cpu_mhz', 'memory_mb', 'coremark_iter_per_s', 'gpus'], group: 'family' });
    const endpoints: EndpointDescription[] = table.rows.map((r, i) => ({
      name: `ec2-${i}`, kind: 'simulated', workers: 1, transferGroup: 'aws',
      hardware: { cores: Number(r.vcpus), clockMHz: Number(r.cpu_mhz) || undefined, memoryGiB: Number(r.memory_mb) / 1024, gpus: Number(r.gpus), calibration: Number(r.coremark_iter_per_s) },
    }));
    const profile = new ProfilePredictor();
    const running = new RunningMeanPredictor();
    for (const e of endpoints) profile.describeEndpoint(e);
    // ffmpeg on 300 endpoints at a few input sizes (the transcode time scales with the input).
    for (let i = 0; i < 300; i++) {
      for (const mb of [10, 100]) {
        const run = { taskId: 'ffmpeg', endpoint: endpoints[i * 2].name, features: { bytes: mb * 1e6 }, runSeconds: table.response[i * 2] * (mb / 100), outcome: 'ok' as const };
        profile.observe(run);
        running.observe(run);
      }
    }
    const tasks = quick ? 1000 : 10000;
    const chosen = endpoints.filter((_, i) => i % 2 === 1).slice(0, 32);
    const time = (p: Predictor): { us: number; finite: boolean } => {
      let finite = true;
      const start = process.hrtime.bigint();
      for (let t = 0; t < tasks; t++) {
        const features = { bytes: 1e6 * (1 + (t % 100)) };
        for (const e of chosen) {
          const r = p.predict('ffmpeg', features, e);
          if (!Number.isFinite(r.seconds)) finite = false;
        }
      }
      return { us: Number(process.hrtime.bigint() - start) / 1e3 / (tasks * chosen.length), finite };
    };
    time(profile); // warm-up
    const corral = time(profile);
    const baseline = time(running);
    return {
      metrics: { predictions: tasks * chosen.length, corralMicrosPerPrediction: corral.us, baselineMicrosPerPrediction: baseline.us, allFinite: corral.finite ? 'yes' : 'no', source: profile.predict('ffmpeg', { bytes: 1e6 }, chosen[0]).source },
      ratio: corral.us / baseline.us,
      ratioMeaning: 'corral cost / running-mean cost (lower is cheaper)',
      target: '< 50 microseconds per (task, endpoint) prediction from a fitted model',
      met: corral.us < 50 && corral.finite,
    };
  },
};
