import { FederatedConfigError } from '../errors.js';
import { FedAvg } from './fedavg.js';
import { FedAvgM } from './fedavgm.js';
import { FedMedian } from './fedmedian.js';
import { FedAdagrad, FedAdam, FedYogi } from './fedopt.js';
import { FedProx } from './fedprox.js';
import { FedTrimmedAvg } from './fedtrimmedavg.js';
import { Krum } from './krum.js';
import type { Strategy } from './strategy.js';

const builtIns: Record<string, () => Strategy> = {
  fedavg: () => new FedAvg(),
  fedprox: () => new FedProx(),
  fedadam: () => new FedAdam(),
  fedyogi: () => new FedYogi(),
  fedadagrad: () => new FedAdagrad(),
  fedavgm: () => new FedAvgM(),
  fedmedian: () => new FedMedian(),
  fedtrimmedavg: () => new FedTrimmedAvg(),
  krum: () => new Krum(),
};

/**
 * A fresh strategy from a built-in name (case-insensitive, default options) or
 * the strategy object itself. Stateful strategies (FedAdam, FedAvgM...) keep
 * their state per instance, so each job gets its own.
 *
 * @example
 * ```ts
 * const strategy = createStrategy('fedyogi');
 * ```
 */
export function createStrategy(spec: string | Strategy | undefined): Strategy {
  if (spec === undefined) return new FedAvg();
  if (typeof spec !== 'string') return spec;
  const make = builtIns[spec.toLowerCase()];
  if (!make) throw new FederatedConfigError(`unknown strategy "${spec}": use one of ${Object.keys(builtIns).join(', ')} or an object with configure() and aggregate()`);
  return make();
}
