import type * as tfType from '@tensorflow/tfjs';
import { conv2dBackpropFilterWasm } from './conv2d-backprop-filter.js';
import { importOptional } from '../missing-package.js';

let ready: Promise<typeof tfType> | undefined;

/**
 * Loads tfjs and makes it train on the wasm backend in this process (once;
 * later calls return the same promise), with the kernels corral adds to it
 * registered. tfjs loads only here, so importing corral stays light. tfjs is
 * single-threaded per process: run parallel clients in separate processes
 * (LocalEndpoint `mode: 'process'`).
 *
 * @example
 * ```ts
 * const tf = await useWasmBackend();
 * const model = buildModel(tf, { kind: 'mlp', inputShape: [64], hidden: [32], classes: 10 });
 * ```
 */
export function useWasmBackend(): Promise<typeof tfType> {
  ready ??= (async () => {
    const tf = await importOptional(() => import('@tensorflow/tfjs'), '@tensorflow/tfjs', 'federated learning (corral/federated)');
    await importOptional(() => import('@tensorflow/tfjs-backend-wasm'), '@tensorflow/tfjs-backend-wasm', 'federated learning (corral/federated)');
    registerCorralKernels(tf);
    if (!(await tf.setBackend('wasm'))) throw new Error('tfjs could not initialise its wasm backend in this process');
    await tf.ready();
    return tf;
  })();
  // A failed load (a missing package) is not cached: installing it and retrying works.
  ready.catch(() => { ready = undefined; });
  return ready;
}

/**
 * Registers the kernels corral adds to tfjs's wasm backend (idempotent).
 *
 * @example
 * ```ts
 * registerCorralKernels(tf);
 * ```
 */
export function registerCorralKernels(tf: typeof tfType): void {
  const kernel = conv2dBackpropFilterWasm(tf);
  if (!tf.getKernel(kernel.kernelName, kernel.backendName)) tf.registerKernel(kernel);
}
