import 'reflect-metadata';
import { FEDERATED_KEY } from './metadata-keys.js';
import { federatedOptionNames, federatedOptionsSchema, type FederatedOptions } from './options/federated-options.js';
import { validateOptions } from './validate.js';
import { callerLocation, decorationSite, defineMethodMetadata, installTask, type CorralMethodDecorator } from './decorate-method.js';

/**
 * Marks a method as the local training step of a federated-learning job: it
 * receives global weights and a client config, trains where the data lives and
 * returns new weights, the number of examples and metrics.
 *
 * @example
 * ```ts
 * class Digits {
 *   @federated({ strategy: 'fedavg', rounds: 20, clients: 8 })
 *   async train(weights: Float32Array, config: ClientConfig) { ... }
 * }
 * ```
 */
export function federated(options: FederatedOptions = {}): CorralMethodDecorator {
  const location = callerLocation();
  return ((...args: unknown[]) => {
    const { site, call } = decorationSite('federated', args, location);
    const validated = validateOptions(federatedOptionsSchema, options, site, federatedOptionNames);
    defineMethodMetadata(call, FEDERATED_KEY, validated);
    return installTask(call, location);
  }) as CorralMethodDecorator;
}
