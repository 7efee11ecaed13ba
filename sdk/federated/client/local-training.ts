import type * as tfType from '@tensorflow/tfjs';
import type { Dataset } from '../data/dataset.js';
import { seededRandom, shuffleInPlace } from '../partition/random.js';
import type { ClientConfig } from '../strategies/strategy.js';
import { batchTensors } from './batches.js';

/**
 * What one client's local training did.
 *
 * @example
 * ```ts
 * const { loss, samples, trainSeconds } = await trainLocally(tf, model, data, config);
 * ```
 */
export interface LocalTrainingResult {
  /** Mean training loss over the last epoch. */
  readonly loss: number;
  /** Examples processed (epochs × examples per epoch). */
  readonly samples: number;
  /** Examples per epoch. */
  readonly examples: number;
  /** Wall seconds of training, including emulated slowdown. */
  readonly trainSeconds: number;
}

/**
 * Runs a client's local SGD as its config says: `epochs` passes over a seeded
 * sample of `sampleCount` examples in batches of `batchSize`, with FedProx's
 * proximal term when `proximalMu` > 0. With `emulatedSlowdown` s > 1 it sleeps
 * (s − 1) × the compute time: emulated heterogeneity, not a slower machine.
 *
 * @example
 * ```ts
 * const result = await trainLocally(tf, model, mine, config);
 * ```
 */
export async function trainLocally(tf: typeof tfType, model: tfType.LayersModel, data: Dataset, config: ClientConfig): Promise<LocalTrainingResult> {
  const t0 = performance.now();
  const n = data.y.length;
  const examples = Math.max(1, Math.min(config.sampleCount ?? n, n));
  const rng = seededRandom(`${config.seed}:${config.client}`);
  const variables = model.trainableWeights.map((w) => w.read() as tfType.Variable);
  const anchors = config.proximalMu ? variables.map((v) => tf.keep(v.clone())) : [];
  const optimizer = tf.train.sgd(config.learningRate);
  const slowdown = Math.max(1, config.emulatedSlowdown ?? 1);
  let debtMs = 0;
  let lastLoss = 0;
  const order = Array.from({ length: n }, (_, i) => i);
  try {
    for (let epoch = 0; epoch < config.epochs; epoch++) {
      const chosen = shuffleInPlace(order, rng).slice(0, examples);
      let epochLoss = 0;
      for (let from = 0; from < examples; from += config.batchSize) {
        const b0 = performance.now();
        const indices = chosen.slice(from, from + config.batchSize);
        const cost = tf.tidy(() => {
          const { xs, ys } = batchTensors(tf, data, indices);
          return optimizer.minimize(() => {
            const logits = model.apply(xs, { training: true }) as tfType.Tensor2D;
            let loss = tf.losses.softmaxCrossEntropy(ys, logits) as tfType.Scalar;
            if (config.proximalMu) {
              const prox = tf.addN(variables.map((v, i) => tf.sum(tf.square(tf.sub(v, anchors[i]!)))));
              loss = tf.add(loss, tf.mul(config.proximalMu / 2, prox)) as tfType.Scalar;
            }
            return loss;
          }, true, variables)!;
        });
        epochLoss += (await cost.data())[0]! * indices.length;
        cost.dispose();
        if (slowdown > 1) {
          debtMs += (slowdown - 1) * (performance.now() - b0);
          // Sleep in slices of at least 20 ms: timer granularity makes shorter sleeps overshoot.
          if (debtMs >= 20) {
            const ms = debtMs;
            debtMs = 0;
            await new Promise((resolve) => setTimeout(resolve, ms));
          }
        }
      }
      lastLoss = epochLoss / examples;
    }
  } finally {
    optimizer.dispose();
    tf.dispose(anchors);
  }
  return { loss: lastLoss, samples: examples * config.epochs, examples, trainSeconds: (performance.now() - t0) / 1000 };
}
