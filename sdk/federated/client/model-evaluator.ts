import type * as tfType from '@tensorflow/tfjs';
import type { Dataset } from '../data/dataset.js';
import { useWasmBackend } from '../tfjs/wasm-backend.js';
import { evaluateModel } from './evaluate-model.js';
import { buildModel, type ModelSpec } from './model-spec.js';
import { modelWeights, setModelWeights } from './model-weights.js';
import type { FlatWeights } from '../weights/flat-weights.js';

/**
 * A server-side `evaluate` for a federated job: test loss and accuracy of the
 * global weights on a held-out set, on the wasm backend of this process.
 *
 * @example
 * ```ts
 * await runFederated({ ...job, evaluate: modelEvaluator(DIGITS_MLP, await loadTestData(spec)) });
 * ```
 */
export function modelEvaluator(spec: ModelSpec, test: Dataset): (weights: Float32Array) => Promise<{ loss: number; accuracy: number }> {
  let model: tfType.Sequential | undefined;
  return async (weights) => {
    const tf = await useWasmBackend();
    model ??= buildModel(tf, spec);
    setModelWeights(tf, model, weights);
    return evaluateModel(tf, model, test);
  };
}

/**
 * The initial global weights of a model spec (seeded, so every run starts alike).
 *
 * @example
 * ```ts
 * const initialWeights = await initialModelWeights(DIGITS_MLP);
 * ```
 */
export async function initialModelWeights(spec: ModelSpec): Promise<FlatWeights> {
  const tf = await useWasmBackend();
  const model = buildModel(tf, spec);
  const flat = modelWeights(model);
  model.dispose();
  return flat;
}
