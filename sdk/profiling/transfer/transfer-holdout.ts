import { quantile } from '../models/log-space.js';
import { ColdStartModel, type ColdStartSample } from './cold-start-model.js';
import { TransferTimeModel, type TransferSample } from './transfer-model.js';

/** Absolute % errors of held-out predictions, summarised. */
export interface HeldOutErrors {
  readonly cases: number;
  readonly meanApePct: number;
  readonly medianApePct: number;
  readonly shareWithin20Pct: number;
}

/**
 * Leave-one-size-out on each pair of transfer groups: the model is fitted
 * without every sample of that size on that pair, then predicts the median
 * measured time of the held-out size.
 *
 * @example
 * ```ts
 * transferHoldout(loadDeltaTransfers(json)); // { cases, meanApePct, medianApePct, shareWithin20Pct }
 * ```
 */
export function transferHoldout(samples: readonly TransferSample[]): HeldOutErrors {
  const cases = new Map<string, TransferSample[]>();
  for (const s of samples) {
    const key = `${s.from}\u0000${s.to}\u0000${s.bytes}`;
    const same = cases.get(key);
    if (same) same.push(s);
    else cases.set(key, [s]);
  }
  const ape: number[] = [];
  for (const held of cases.values()) {
    const { from, to, bytes } = held[0];
    // Links are fitted per pair, so only the held-out pair's own samples matter.
    const model = TransferTimeModel.fit(samples.filter((s) => s.from === from && s.to === to && s.bytes !== bytes));
    const actual = quantile(held.map((s) => s.seconds), 0.5);
    ape.push((Math.abs(model.predict(from, to, bytes) - actual) / actual) * 100);
  }
  return summarise(ape);
}

/**
 * Leave-one-out over (endpoint, package) cold starts: each is predicted
 * from the other packages on its endpoint and the other endpoints' imports of
 * its package.
 *
 * @example
 * ```ts
 * coldStartHoldout(loadDeltaImports(json));
 * ```
 */
export function coldStartHoldout(samples: readonly ColdStartSample[]): HeldOutErrors {
  const ape = samples.map((held) => {
    const model = ColdStartModel.fit(samples.filter((s) => s !== held));
    return (Math.abs(model.predict(held.endpoint, [held.package]) - held.seconds) / held.seconds) * 100;
  });
  return summarise(ape);
}

function summarise(ape: number[]): HeldOutErrors {
  return {
    cases: ape.length,
    meanApePct: ape.reduce((a, b) => a + b, 0) / Math.max(1, ape.length),
    medianApePct: quantile(ape, 0.5),
    shareWithin20Pct: (ape.filter((e) => e <= 20).length / Math.max(1, ape.length)) * 100,
  };
}
