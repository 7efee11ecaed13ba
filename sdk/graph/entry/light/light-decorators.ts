import { decoratedMethod } from './decorator-form.js';
import { markTask } from './task-marker.js';

type AnyFunction = (...args: any[]) => any;
type MethodDecorator = (...args: any[]) => any;

/**
 * The task-side `remote`: what a task bundle gets for corral's `remote`. It
 * only records which methods and functions are tasks (the build already
 * validated the options) and leaves the code as written, in both legacy and
 * standard decorator forms.
 *
 * @example
 * ```ts
 * class Images { @remote({ cpus: 1 }) async thumbnail(img: Uint8Array) { ... } }
 * export const checksum = remote({ cache: true }, async function checksum(data: Uint8Array) { ... });
 * ```
 */
export function remote(options?: Record<string, unknown>): MethodDecorator;
export function remote<F extends AnyFunction>(options: Record<string, unknown>, fn: F): F;
export function remote(options: Record<string, unknown> = {}, fn?: AnyFunction): unknown {
  if (typeof fn === 'function') {
    markTask(fn, { decorator: 'remote', name: String(options.name ?? fn.name), options });
    return fn;
  }
  return marking('remote', options);
}

/**
 * The task-side `federated`: records the method as a training task.
 *
 * @example
 * ```ts
 * class Digits { @federated({ rounds: 20 }) async train(w: EncodedWeights, c: ClientConfig) { ... } }
 * ```
 */
export function federated(options: Record<string, unknown> = {}): MethodDecorator {
  return marking('federated', options);
}

/**
 * The task-side `costBudget`: budgets are the runtime's business, so on a
 * worker it changes nothing.
 *
 * @example
 * ```ts
 * class Images { @costBudget({ usd: 0.01 }) async classify(img: Uint8Array) { ... } }
 * ```
 */
export function costBudget(_options?: Record<string, unknown>): MethodDecorator {
  return () => undefined;
}

/**
 * The task-side `workflow`: marks an orchestrating method, which a worker
 * never runs, so on a worker it changes nothing.
 *
 * @example
 * ```ts
 * class Images { @workflow({ usd: 2 }) async pipeline(imgs: Uint8Array[]) { ... } }
 * ```
 */
export function workflow(_options?: Record<string, unknown>): MethodDecorator {
  return () => undefined;
}

function marking(decorator: 'remote' | 'federated', options: Record<string, unknown>): MethodDecorator {
  return (...args: unknown[]) => {
    const found = decoratedMethod(args);
    if (found) markTask(found.method, { decorator, name: found.name, options });
    return undefined;
  };
}

/**
 * The task-side `passOn`: the identity, typed as the value (see corral's
 * `passOn`); a worker never runs the orchestrating code that uses it.
 *
 * @example
 * ```ts
 * this.sum(passOn(this.make(n)));
 * ```
 */
export function passOn<T>(future: PromiseLike<T>): T {
  return future as unknown as T;
}
