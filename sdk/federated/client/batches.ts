import type * as tfType from '@tensorflow/tfjs';
import type { Dataset } from '../data/dataset.js';

/**
 * The examples at `indices` as a feature tensor and a one-hot label tensor.
 *
 * @example
 * ```ts
 * const { xs, ys } = batchTensors(tf, data, [0, 5, 9]);
 * ```
 */
export function batchTensors(tf: typeof tfType, data: Dataset, indices: ArrayLike<number>): { xs: tfType.Tensor; ys: tfType.Tensor2D } {
  const width = data.featureShape.reduce((a, b) => a * b, 1);
  const x = new Float32Array(indices.length * width);
  const y = new Int32Array(indices.length);
  for (let i = 0; i < indices.length; i++) {
    const src = indices[i]!;
    x.set(data.x.subarray(src * width, (src + 1) * width), i * width);
    y[i] = data.y[src]!;
  }
  const labels = tf.tensor1d(y, 'int32');
  const ys = tf.oneHot(labels, data.numClasses).toFloat() as tfType.Tensor2D;
  labels.dispose();
  return { xs: tf.tensor(x, [indices.length, ...data.featureShape]), ys };
}
