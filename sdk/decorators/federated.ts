import 'reflect-metadata';
import { FEDERATED_KEY } from './metadata-keys.js';
import { federatedOptionNames, federatedOptionsSchema, type FederatedOptions } from './options/federated-options.js';
import { validateOptions } from './validate.js';
import { callerLocation, decorationSite, installTask, type MethodDecoratorArgs } from './decorate-method.js';

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
export function federated(options: FederatedOptions = {}): (target: object, propertyKey: string | symbol, descriptor?: PropertyDescriptor) => void {
  const location = callerLocation();
  return (...args: unknown[]) => {
    const site = decorationSite('federated', args, location);
    const validated = validateOptions(federatedOptionsSchema, options, site, federatedOptionNames);
    const [target, key] = args as MethodDecoratorArgs;
    Reflect.defineMetadata(FEDERATED_KEY, validated, target, key);
    installTask(args as MethodDecoratorArgs, location);
  };
}
