import type * as tfType from '@tensorflow/tfjs';
import { flattenWeights, unflattenWeights, type FlatWeights } from '../weights/flat-weights.js';

/**
 * A tfjs model's weights as {@link FlatWeights} (copied out of the backend).
 *
 * @example
 * ```ts
 * const initial = modelWeights(model); // send initial.data, keep initial.shapes
 * ```
 */
export function modelWeights(model: tfType.LayersModel): FlatWeights {
  return flattenWeights(model.getWeights().map((t) => ({ shape: t.shape, values: t.dataSync() as Float32Array })));
}

/**
 * Loads flat weights into a tfjs model; throws a WeightShapeError naming the
 * shapes when they do not fit.
 *
 * @example
 * ```ts
 * setModelWeights(tf, model, globalWeights);
 * ```
 */
export function setModelWeights(tf: typeof tfType, model: tfType.LayersModel, data: Float32Array): void {
  const shapes = model.getWeights().map((t) => t.shape);
  const tensors = unflattenWeights(data, shapes).map((w) => tf.tensor(w.values, [...w.shape]));
  model.setWeights(tensors);
  tf.dispose(tensors);
}
