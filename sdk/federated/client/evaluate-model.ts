import type * as tfType from '@tensorflow/tfjs';
import type { Dataset } from '../data/dataset.js';
import { batchTensors } from './batches.js';

/**
 * Mean softmax cross-entropy and accuracy of a logits model on a data set.
 *
 * @example
 * ```ts
 * const { loss, accuracy } = evaluateModel(tf, model, test);
 * ```
 */
export function evaluateModel(tf: typeof tfType, model: tfType.LayersModel, data: Dataset, batchSize = 1000): { loss: number; accuracy: number } {
  const n = data.y.length;
  let loss = 0;
  let correct = 0;
  for (let from = 0; from < n; from += batchSize) {
    const indices = Array.from({ length: Math.min(batchSize, n - from) }, (_, i) => from + i);
    const [batchLoss, batchCorrect] = tf.tidy(() => {
      const { xs, ys } = batchTensors(tf, data, indices);
      const logits = model.predict(xs) as tfType.Tensor2D;
      const l = tf.losses.softmaxCrossEntropy(ys, logits, undefined, undefined, tf.Reduction.SUM);
      const c = tf.sum(tf.cast(tf.equal(tf.argMax(logits, 1), tf.argMax(ys, 1)), 'float32'));
      return [l.dataSync()[0]!, c.dataSync()[0]!];
    });
    loss += batchLoss;
    correct += batchCorrect;
  }
  return { loss: loss / n, accuracy: correct / n };
}
