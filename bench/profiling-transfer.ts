import { readFileSync } from 'node:fs';
import type { Benchmark } from './benchmark.js';
import { loadDeltaTransfers, transferHoldout, coldStartHoldout, loadDeltaImports, type TransferSample } from '../sdk/profiling/index.js';
import { profilingFixture } from './profiling-data.js';

/** Ordinary least squares of seconds on bytes for one pair: the plain latency + bytes/bandwidth fit. */
function olsHoldout(samples: readonly TransferSample[]): number {
  const cases = new Map<string, TransferSample[]>();
  for (const s of samples) cases.set(`${s.from}|${s.to}|${s.bytes}`, [...(cases.get(`${s.from}|${s.to}|${s.bytes}`) ?? []), s]);
  const ape: number[] = [];
  for (const held of cases.values()) {
    const { from, to, bytes } = held[0];
    const train = samples.filter((s) => s.from === from && s.to === to && s.bytes !== bytes);
    const n = train.length;
    const mx = train.reduce((a, s) => a + s.bytes, 0) / n;
    const my = train.reduce((a, s) => a + s.seconds, 0) / n;
    const b = train.reduce((a, s) => a + (s.bytes - mx) * (s.seconds - my), 0) / train.reduce((a, s) => a + (s.bytes - mx) ** 2, 0);
    const predicted = my + b * (bytes - mx);
    const actual = held.map((s) => s.seconds).sort((x, y) => x - y)[Math.floor((held.length - 1) / 2)];
    ape.push(Math.abs(predicted - actual) / actual * 100);
  }
  return ape.reduce((a, c) => a + c, 0) / ape.length;
}

/**
 * DELTA transfer times: each (pair, size) held out in turn and predicted from
 * the pair's other sizes. Baseline: ordinary least squares of the same
 * latency + bytes/bandwidth line. Cold starts are reported alongside.
 */
export const profilingTransfer: Benchmark = {
  suite: 'profiling',
  name: 'delta-transfer',
  async run() {
    const samples = loadDeltaTransfers(JSON.parse(readFileSync(profilingFixture('delta-transfer-model.json'), 'utf8')));
    const corral = transferHoldout(samples);
    const baseline = olsHoldout(samples);
    const cold = coldStartHoldout(loadDeltaImports(JSON.parse(readFileSync(profilingFixture('delta-import-model.json'), 'utf8'))));
    return {
      metrics: {
        cases: corral.cases, corralMeanApePct: corral.meanApePct, corralMedianApePct: corral.medianApePct, corralShareWithin20Pct: corral.shareWithin20Pct,
        baselineMeanApePct: baseline, coldStartMeanApePct: cold.meanApePct, coldStartMedianApePct: cold.medianApePct,
      },
      ratio: baseline / corral.meanApePct,
      ratioMeaning: 'OLS MAPE / corral MAPE',
      target: 'held-out transfer sizes predicted within 20% (mean absolute % error)',
      met: corral.meanApePct <= 20,
    };
  },
};
