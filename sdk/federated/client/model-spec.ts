import type * as tfType from '@tensorflow/tfjs';

/**
 * A small classifier corral can build on any endpoint from plain data (so the
 * same spec travels in a config): an MLP or a LeNet-style CNN, seeded.
 * Both end in logits (no softmax): training uses softmax cross-entropy.
 *
 * @example
 * ```ts
 * const mlp: ModelSpec = { kind: 'mlp', inputShape: [784], hidden: [128], classes: 10, seed: 1 };
 * const cnn: ModelSpec = { kind: 'cnn', inputShape: [28, 28, 1], filters: [16, 32], dense: 64, classes: 10, seed: 1 };
 * ```
 */
export type ModelSpec =
  | { readonly kind: 'mlp'; readonly inputShape: readonly number[]; readonly hidden: readonly number[]; readonly classes: number; readonly seed?: number }
  | { readonly kind: 'cnn'; readonly inputShape: readonly [number, number, number]; readonly filters: readonly number[]; readonly dense: number; readonly classes: number; readonly seed?: number };

/**
 * Builds the model a spec describes with seeded initial weights.
 *
 * @example
 * ```ts
 * const tf = await useWasmBackend();
 * const model = buildModel(tf, { kind: 'mlp', inputShape: [64], hidden: [32], classes: 10 });
 * ```
 */
export function buildModel(tf: typeof tfType, spec: ModelSpec): tfType.Sequential {
  let seed = spec.seed ?? 0;
  const init = () => tf.initializers.glorotUniform({ seed: ++seed });
  const layers: tfType.layers.Layer[] = [];
  if (spec.kind === 'mlp') {
    const width = spec.inputShape.reduce((a, b) => a * b, 1);
    if (spec.inputShape.length > 1) layers.push(tf.layers.flatten({ inputShape: [...spec.inputShape] }));
    spec.hidden.forEach((units, i) => layers.push(tf.layers.dense({
      units, activation: 'relu', kernelInitializer: init(), ...(i === 0 && spec.inputShape.length === 1 ? { inputShape: [width] } : {}),
    })));
    layers.push(tf.layers.dense({ units: spec.classes, kernelInitializer: init(), ...(spec.hidden.length === 0 && spec.inputShape.length === 1 ? { inputShape: [width] } : {}) }));
  } else {
    spec.filters.forEach((filters, i) => {
      layers.push(tf.layers.conv2d({ filters, kernelSize: 5, padding: 'same', activation: 'relu', kernelInitializer: init(), ...(i === 0 ? { inputShape: [...spec.inputShape] } : {}) }));
      layers.push(tf.layers.maxPooling2d({ poolSize: 2, strides: 2 }));
    });
    layers.push(tf.layers.flatten());
    layers.push(tf.layers.dense({ units: spec.dense, activation: 'relu', kernelInitializer: init() }));
    layers.push(tf.layers.dense({ units: spec.classes, kernelInitializer: init() }));
  }
  return tf.sequential({ layers });
}
