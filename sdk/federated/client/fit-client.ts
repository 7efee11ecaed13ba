import type * as tfType from '@tensorflow/tfjs';
import { loadClientData } from '../data/data-spec.js';
import type { ClientConfig } from '../strategies/strategy.js';
import { useWasmBackend } from '../tfjs/wasm-backend.js';
import { decodeWeights, encodeWeights, type EncodedWeights } from '../weights/compression.js';
import { buildModel, type ModelSpec } from './model-spec.js';
import { modelWeights, setModelWeights } from './model-weights.js';
import { trainLocally } from './local-training.js';

/**
 * What a `@federated` method returns: new weights (encoded as the config
 * asks), their shapes, the examples trained on, and metrics.
 *
 * @example
 * ```ts
 * const update: ClientUpdate = { weights: encodeWeights(w, 'none'), shapes, numExamples: 120, metrics: { loss: 0.4 } };
 * ```
 */
export interface ClientUpdate {
  readonly weights: EncodedWeights;
  readonly shapes?: readonly (readonly number[])[];
  readonly numExamples: number;
  readonly metrics?: Readonly<Record<string, number>>;
}

const models = new Map<string, tfType.Sequential>();

/**
 * The whole client side of a round for a {@link ModelSpec} model: loads this
 * endpoint's data (once per process), sets the global weights, trains on the
 * wasm backend and returns the encoded update. Call it from a `@federated` method.
 *
 * @example
 * ```ts
 * export class Digits {
 *   @federated({ strategy: 'fedavg', rounds: 20 })
 *   async train(weights: EncodedWeights, config: ClientConfig): Promise<ClientUpdate> {
 *     return fitClient(weights, config, { kind: 'mlp', inputShape: [64], hidden: [32], classes: 10 });
 *   }
 * }
 * ```
 */
export async function fitClient(weights: EncodedWeights, config: ClientConfig, spec: ModelSpec): Promise<ClientUpdate> {
  const tf = await useWasmBackend();
  const l0 = performance.now();
  const data = await loadClientData(config.data, { client: config.client, endpoint: config.endpoint });
  const loadSeconds = (performance.now() - l0) / 1000;
  const key = JSON.stringify(spec);
  let model = models.get(key);
  if (!model) models.set(key, (model = buildModel(tf, spec)));
  setModelWeights(tf, model, decodeWeights(weights));
  const result = await trainLocally(tf, model, data, config);
  const flat = modelWeights(model);
  return {
    weights: encodeWeights(flat.data, config.compression),
    shapes: flat.shapes,
    numExamples: result.examples,
    metrics: { loss: result.loss, samples: result.samples, trainSeconds: result.trainSeconds, loadSeconds, examples: data.y.length },
  };
}
